; The Windows installer (NSIS 3, Debian's nsis package, 64-bit stubs). Built and tried by
; installer/windows/check under Wine on every CI run:
;   makensis -DBUNDLE=<bundle folder> -DOUTFILE=<setup.exe> -DICON=<icon.ico> -DVERSION=x.y.z
; A per-user install: no administrator prompt, into %LOCALAPPDATA%\Programs. The Start-menu
; entry has a neutral name and a plain page icon. Uninstalling removes the program, the
; entry and the uninstall registration; it never touches the records, which stay in the
; encrypted profile until Compass House or the worker removes them.
Unicode true
; A 64-bit installer: the app is 64-bit, and it runs where there is no 32-bit layer (wine64).
Target amd64-unicode
!define APPNAME "Outreach Desk"
!define REGKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OutreachDesk"

Name "${APPNAME}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
; zlib: about ten times faster to build than solid LZMA (90 s on the CI machine), for a
; larger download; the installer is copied to laptops once, from a USB stick or the intranet.
SetCompressor zlib
ShowInstDetails nevershow
ShowUninstDetails nevershow
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "FileDescription" "${APPNAME} setup"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "Office of the Kent Police and Crime Commissioner"
VIAddVersionKey "LegalCopyright" "Office of the Kent Police and Crime Commissioner"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Install"
    SetShellVarContext current
    SetOutPath "$INSTDIR"
    File /r "${BUNDLE}\*"
    WriteUninstaller "$INSTDIR\uninstall.exe"
    CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\outreach-desk.exe" "" "$INSTDIR\outreach-desk.exe" 0
    WriteRegStr HKCU "${REGKEY}" "DisplayName" "${APPNAME}"
    WriteRegStr HKCU "${REGKEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${REGKEY}" "Publisher" "Office of the Kent Police and Crime Commissioner"
    WriteRegStr HKCU "${REGKEY}" "DisplayIcon" "$INSTDIR\outreach-desk.exe"
    WriteRegStr HKCU "${REGKEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${REGKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${REGKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${REGKEY}" "NoModify" 1
    WriteRegDWORD HKCU "${REGKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
    SetShellVarContext current
    Delete "$SMPROGRAMS\${APPNAME}.lnk"
    RMDir /r "$INSTDIR"
    DeleteRegKey HKCU "${REGKEY}"
SectionEnd
