@echo off
rem The connectorkit command of the binary distribution: runs lib\connectorkit.jar with the java
rem of JAVA_HOME (or the one on the PATH). JAVA_OPTS passes options to the JVM.
setlocal
set "CONNECTORKIT_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA_EXE=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXE=java")
"%JAVA_EXE%" %JAVA_OPTS% -jar "%CONNECTORKIT_HOME%\lib\connectorkit.jar" %*
exit /b %ERRORLEVEL%
