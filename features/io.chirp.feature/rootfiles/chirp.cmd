@echo off
rem Launches Chirp from this folder. Needs a Java 21 or newer: JAVA_HOME, or java on PATH.
rem Extra JVM options can be given in CHIRP_VM_ARGS.
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "LAUNCHER="
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%f"
if not defined LAUNCHER (
  echo chirp: no equinox launcher in %HERE%plugins 1>&2
  exit /b 1
)
"%JAVA%" -Xms128m -Xmx2g -XX:+UseG1GC -Dosgi.requiredJavaVersion=21 %CHIRP_VM_ARGS% -jar "%LAUNCHER%" -name Chirp %*
