; Inno Setup script for the Windows installer. Written and reviewed, NOT run here (the
; project's machines are Linux); see installer/README.md.
;
; Build on Windows, from the repository root:
;   1. py -3.11 -m venv .venv-build && .venv-build\Scripts\pip install --require-hashes --no-deps -r installer\requirements-windows.lock
;      (generate that lock on Windows with pip-compile, as for Linux: wheels differ per platform)
;   2. set PYTHONHASHSEED=0 && .venv-build\Scripts\pyinstaller --noconfirm installer\victim_champion.spec
;      (the spec's ldd pass and Linux library list are skipped on Windows: guard them with sys.platform)
;   3. iscc installer\windows\victim-champion.iss   -> dist\victim-champion-setup.exe
;
; Signing: sign both dist\victim-champion\victim-champion.exe and the setup with the
; OPCC's code-signing certificate (an EV certificate avoids SmartScreen warnings), e.g.
;   signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a <file>
; Inno Setup can call it for the setup and the uninstaller via SignTool= below.

#define AppName "Victim Champion"
#define AppVersion "0.1.0"

[Setup]
AppId={{7C4E3B7A-2F0B-4C55-9C8A-5B1D2E6F9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Office of the Kent Police and Crime Commissioner
DefaultDirName={autopf}\Victim Champion
DefaultGroupName=Victim Champion
; Per-user install needs no administrator; an admin can still choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=victim-champion-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
UninstallDisplayIcon={app}\victim-champion.exe
; SignTool=opcc $f

[Files]
Source: "..\..\dist\victim-champion\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Victim Champion"; Filename: "{app}\victim-champion.exe"
Name: "{group}\Uninstall Victim Champion"; Filename: "{uninstallexe}"

[Run]
; A quick check that the keyring (Windows Credential Locker), Qt and PDF rendering work.
Filename: "{app}\victim-champion.exe"; Parameters: "self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."

[UninstallDelete]
; The app only; encrypted records in %LOCALAPPDATA% stay unless the user wipes them.
Type: filesandordirs; Name: "{app}"
