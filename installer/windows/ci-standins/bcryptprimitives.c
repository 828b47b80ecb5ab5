/* CI ONLY: a stand-in for Windows' bcryptprimitives.dll, which real Windows 10 and 11 have
 * and Wine 8.0 lacks. cryptography's Rust module imports ProcessPrng from it; this forwards
 * to advapi32's RtlGenRandom (SystemFunction036), which is real system randomness.
 * installer/windows/check fails if this file ever reaches the bundle.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, part)) return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
