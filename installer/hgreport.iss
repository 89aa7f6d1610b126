; Inno Setup script of hgreport: a per-user install that needs no administrator rights.
;
; build_installer.py compiles it on Windows (Inno Setup 6.3 or newer) after the PyInstaller build:
;   iscc /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 /DBundleDir=dist\hgreport /DOutputDir=dist
;        [/DIconFile=hgreport.ico] installer\hgreport.iss
;
; What it does:
; - installs the program folder into %LOCALAPPDATA%\Programs\hgreport (no UAC prompt); an
;   administrator may still install for all users from the command line with /ALLUSERS;
; - Start-menu shortcut, desktop shortcut (task "desktopicon");
; - registers report files: "Open with" always lists hgreport, and .db files open in hgreport
;   (task "assocdb", per user under HKCU\Software\Classes);
; - uninstall removes the program folder, the shortcuts and the registration only. The user's
;   reports (wherever they saved them), settings (%APPDATA%\hgreport) and backups
;   (%LOCALAPPDATA%\hgreport\backups) are never touched: nothing here deletes user data.
;
; Silent install for IT staff:  hgreport-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
; Leave a task out with /MERGETASKS="!desktopicon" or /MERGETASKS="!assocdb".

#if PREPROCVER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible, UTF-8 script)
#endif
#ifndef AppVersion
  #error Pass /DAppVersion=<version> (build_installer.py does)
#endif
#ifndef BundleDir
  #error Pass /DBundleDir=<the PyInstaller folder holding hgreport.exe>
#endif
#ifndef FileVersion
  #define FileVersion AppVersion
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

; Vietnamese wizard text when the (unofficial) Vietnamese.isl is in the compiler's Languages folder
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
  #define Vietnamese
#endif

#define AppName "hgreport"
#define AppExe "hgreport.exe"
#define ProgId "hgreport.Report"

[Setup]
AppId={{6C7F2B54-1E0A-4C8B-9D43-5A8E1F2C7B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=hgreport
VersionInfoVersion={#FileVersion}
VersionInfoDescription=hgreport – soạn báo cáo của cấp ủy Đảng
; per user, no elevation: {autopf} is %LOCALAPPDATA%\Programs, HKA is HKCU
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=hgreport-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
#ifdef IconFile
SetupIconFile={#IconFile}
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifdef Vietnamese
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#endif

[CustomMessages]
en.AssocDb=Open report files (.db) with hgreport
en.ReportFile=hgreport report
en.FileAssociations=File associations:
#ifdef Vietnamese
vi.AssocDb=Mở tệp báo cáo (.db) bằng hgreport
vi.ReportFile=Báo cáo hgreport
vi.FileAssociations=Liên kết tệp:
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "assocdb"; Description: "{cm:AssocDb}"; GroupDescription: "{cm:FileAssociations}"

[InstallDelete]
; an update replaces the bundled libraries as a whole (only the program folder, never user data)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; the report file type; "Open with" lists hgreport for every .db file
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ReportFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""
; double-clicking a .db file opens it in hgreport
Root: HKA; Subkey: "Software\Classes\.db"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: assocdb

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
