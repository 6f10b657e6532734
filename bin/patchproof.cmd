@echo off
rem patchproof launcher (Windows): finds Java 17 or later and runs the jar with every argument
rem passed through unchanged, in the current folder, so that .\config\application.yml, data\,
rem logs\ and reports\ are the current folder's, as with "java -jar".
rem
rem   bin\patchproof.cmd demo
rem   bin\patchproof.cmd run --patchproof.as-of=2026-11-16
rem
rem Environment:
rem   JAVA_HOME       the Java to use (else java.exe on the PATH); 17 or later
rem   JAVA_OPTS       options for the JVM, e.g. -Xmx2g
rem   PATCHPROOF_JAR  the jar (else target\patchproof.jar beside this script's folder, then
rem                   patchproof.jar beside this script's folder)
rem Exit codes are the jar's (see --help); 2 also when no suitable Java or no jar is found.
rem No blocks in parentheses below: a path such as "C:\Program Files (x86)\..." would end them.
setlocal EnableExtensions DisableDelayedExpansion

set "PP_HOME=%~dp0.."
for %%H in ("%PP_HOME%") do set "PP_HOME=%%~fH"

if not defined PATCHPROOF_JAR goto defaultJar
set "PP_JAR=%PATCHPROOF_JAR%"
if exist "%PP_JAR%" goto findJava
echo patchproof: PATCHPROOF_JAR is "%PATCHPROOF_JAR%", which is not a file; point it at patchproof.jar or unset it 1>&2
exit /b 2

:defaultJar
set "PP_JAR=%PP_HOME%\target\patchproof.jar"
if exist "%PP_JAR%" goto findJava
set "PP_JAR=%PP_HOME%\patchproof.jar"
if exist "%PP_JAR%" goto findJava
echo patchproof: no jar found at %PP_HOME%\target\patchproof.jar or %PP_HOME%\patchproof.jar; build it with "mvn -B package -DskipTests" in %PP_HOME%, or set PATCHPROOF_JAR to the jar 1>&2
exit /b 2

:findJava
if not defined JAVA_HOME goto javaOnPath
set "PP_JAVA=%JAVA_HOME%\bin\java.exe"
set "PP_FROM=JAVA_HOME (%JAVA_HOME%)"
if exist "%PP_JAVA%" goto checkVersion
echo patchproof: JAVA_HOME is "%JAVA_HOME%", but %JAVA_HOME%\bin\java.exe is not there; point JAVA_HOME at a Java 17 or later installation (the folder that holds bin\java.exe), or unset it to use java on the PATH 1>&2
exit /b 2

:javaOnPath
set "PP_JAVA="
for %%J in (java.exe) do set "PP_JAVA=%%~$PATH:J"
set "PP_FROM=the PATH"
if defined PP_JAVA goto checkVersion
echo patchproof: no Java found: JAVA_HOME is not set and there is no java.exe on the PATH; install Java 17 or later (for example Eclipse Temurin 17 or 21) and put it on the PATH, or set JAVA_HOME to it 1>&2
exit /b 2

:checkVersion
rem The version from "java -version": openjdk version "17.0.9" 2023-10-17, java version "1.8.0_402".
rem "call" keeps the quotes of a path with spaces.
set "PP_VERSION="
for /f "tokens=3" %%V in ('call "%PP_JAVA%" -version 2^>^&1 ^| findstr /i /c:" version "') do if not defined PP_VERSION set "PP_VERSION=%%~V"
set "PP_MAJOR="
set "PP_MINOR="
for /f "tokens=1,2 delims=._-+" %%A in ("%PP_VERSION%") do set "PP_MAJOR=%%A" & set "PP_MINOR=%%B"
if "%PP_MAJOR%"=="1" set "PP_MAJOR=%PP_MINOR%"
set /a PP_MAJOR_NUMBER=PP_MAJOR+0 2>nul
if not "%PP_MAJOR_NUMBER%"=="0" goto compareVersion
echo patchproof: cannot tell the version of %PP_JAVA% (from %PP_FROM%); patchproof needs Java 17 or later 1>&2
exit /b 2

:compareVersion
if %PP_MAJOR_NUMBER% GEQ 17 goto launch
echo patchproof: patchproof needs Java 17 or later, but %PP_JAVA% (from %PP_FROM%) is Java %PP_MAJOR_NUMBER% (%PP_VERSION%); install Java 17 or later and set JAVA_HOME to it 1>&2
exit /b 2

:launch
"%PP_JAVA%" %JAVA_OPTS% -jar "%PP_JAR%" %*
exit /b %ERRORLEVEL%
