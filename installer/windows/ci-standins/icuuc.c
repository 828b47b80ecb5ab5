/* CI ONLY: a stand-in for Windows' own icuuc.dll, which real Windows 10 and 11 have and
 * Wine 8.0 lacks. Qt6Core imports these 18 ucnv_* converter functions from it. Every
 * converter is reported as unavailable, so Qt falls back to its built-in UTF-8, UTF-16
 * and Latin-1 codecs. installer/windows/check fails if this file ever reaches the bundle.
 */
#include <stddef.h>
#include <stdint.h>

#define STANDIN __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4
typedef int32_t UErrorCode;
typedef uint16_t UChar;

static void refuse(UErrorCode *err) { if (err != NULL && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

STANDIN void *ucnv_open(const char *name, UErrorCode *err) { (void)name; refuse(err); return NULL; }
STANDIN void ucnv_close(void *converter) { (void)converter; }
STANDIN void ucnv_reset(void *converter) { (void)converter; }
STANDIN int8_t ucnv_getMaxCharSize(const void *converter) { (void)converter; return 1; }
STANDIN const char *ucnv_getName(const void *converter, UErrorCode *err) { (void)converter; refuse(err); return NULL; }
STANDIN const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) { (void)name; (void)standard; refuse(err); return NULL; }
STANDIN int32_t ucnv_countAvailable(void) { return 0; }
STANDIN const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
STANDIN void ucnv_getToUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
STANDIN void ucnv_getFromUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
STANDIN void ucnv_setToUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *err) { (void)c; (void)a; (void)n; (void)oa; (void)oc; refuse(err); }
STANDIN void ucnv_setFromUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *err) { (void)c; (void)a; (void)n; (void)oa; (void)oc; refuse(err); }
STANDIN int32_t ucnv_toUCountPending(const void *c, UErrorCode *err) { (void)c; refuse(err); return 0; }
STANDIN int32_t ucnv_fromUCountPending(const void *c, UErrorCode *err) { (void)c; refuse(err); return 0; }
STANDIN void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset, UErrorCode *err) { (void)args; (void)source; (void)length; (void)offset; refuse(err); }
STANDIN void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int32_t offset, UErrorCode *err) { (void)args; (void)source; (void)limit; (void)offset; refuse(err); }
STANDIN void ucnv_toUnicode(void *c, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o, int8_t flush, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; refuse(err); }
STANDIN void ucnv_fromUnicode(void *c, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o, int8_t flush, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; refuse(err); }
