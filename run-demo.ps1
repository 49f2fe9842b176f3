<#
.SYNOPSIS
  TuiChat demo for Windows: builds the solution, starts a server and three full-screen clients
  (alice, bob, carol) that have said hello in #general.

.DESCRIPTION
  ./run-demo.ps1          start from a clean data folder: Windows Terminal (wt) tabs when
                          available, else separate windows; each client has a whole window
  ./run-demo.ps1 -Keep    start with the accounts and history of the last run
  ./run-demo.ps1 stop     stop the server and the clients this script started

  Environment: TUICHAT_DEMO_PORT (default: the first free port from 5000),
               TUICHAT_ADMIN_PASSWORD (default: a demo value, printed below).
  Works in Windows PowerShell 5.1 and PowerShell 7 (also on Linux/macOS, where run-demo.sh
  with tmux is the better choice).
#>
param([ValidateSet('start', 'stop')][string]$Action = 'start', [switch]$Keep)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

$DemoDir = Join-Path $PSScriptRoot '.demo'
$PidFile = Join-Path $DemoDir 'pids.txt'
$ServerDll = Join-Path $PSScriptRoot 'src/TuiChat.Server/bin/Release/net10.0/tuichat-server.dll'
$ClientDll = Join-Path $PSScriptRoot 'src/TuiChat.Client/bin/Release/net10.0/tuichat.dll'
$AdminPassword = if ($env:TUICHAT_ADMIN_PASSWORD) { $env:TUICHAT_ADMIN_PASSWORD } else { 'demo-admin-secret' }
$Users = 'alice', 'bob', 'carol'
$Hellos = @{
  alice = 'hi all, alice here'
  bob   = 'hey alice! bob here, ready when you are'
  carol = 'morning both, carol joining'
}

function Say([string]$text) { Write-Host "run-demo: $text" }

# Start-Process joins arguments with spaces and does not quote them: paths may hold spaces.
function Quote([string]$text) { '"' + $text + '"' }

function Test-PortInUse([int]$port) {
  $client = New-Object System.Net.Sockets.TcpClient
  try { $client.Connect('127.0.0.1', $port); return $true } catch { return $false } finally { $client.Dispose() }
}

function Stop-Demo {
  if (Test-Path $PidFile) {
    foreach ($id in Get-Content $PidFile) {
      $process = Get-Process -Id $id -ErrorAction SilentlyContinue
      if ($process) { Stop-Process -Id $id -Force; Say "stopped process $id ($($process.ProcessName))" }
    }
    Remove-Item $PidFile
  }
  Say "clients in Windows Terminal tabs end when you close them (Ctrl+Q in each)"
  Say "demo data and logs stay in $DemoDir until the next start (which clears them unless -Keep)"
}

if ($Action -eq 'stop') { Stop-Demo; exit 0 }

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
  Say 'error: the .NET 10 SDK is needed (https://dotnet.microsoft.com/download)'
  exit 1
}

Say 'building (dotnet build -c Release)...'
dotnet build TuiChat.sln -c Release -v q --nologo
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
if ($Keep) {
  Say "keeping the last run's data in $DemoDir/data (-Keep): its accounts and history, earlier hellos included, come back"
} else {
  foreach ($folder in 'data', 'logs') {
    $path = Join-Path $DemoDir $folder
    if (Test-Path $path) { Remove-Item -Recurse -Force $path }
  }
  Say "starting from a clean data folder $DemoDir/data (./run-demo.ps1 -Keep keeps the last run's history)"
}
New-Item -ItemType Directory -Force -Path $DemoDir | Out-Null

$Port = if ($env:TUICHAT_DEMO_PORT) { [int]$env:TUICHAT_DEMO_PORT } else { 5000 }
while (Test-PortInUse $Port) { $Port++ }

# The server runs in its own window so its log stays visible.
Say "starting the server on port $Port"
$env:TUICHAT_ADMIN_PASSWORD = $AdminPassword
$serverArgs = @((Quote $ServerDll), '--bind', '127.0.0.1', '--port', $Port, '--data', (Quote (Join-Path $DemoDir 'data')), '--log', (Quote (Join-Path $DemoDir 'logs')))
$server = Start-Process dotnet -ArgumentList $serverArgs -PassThru
Set-Content $PidFile $server.Id
$deadline = (Get-Date).AddSeconds(30)
while (-not (Test-PortInUse $Port)) {
  if ((Get-Date) -gt $deadline) { Say "error: the server did not start; see $DemoDir/logs"; exit 1 }
  Start-Sleep -Milliseconds 100
}

# Each user says hello through the menu client (scripted on stdin: 1 = send to a room, then
# quit), so the full-screen clients open on a conversation: they load #general's history.
foreach ($user in $Users) {
  $script = "1`n#general`n$($Hellos[$user])`n0`n"
  $script | dotnet $ClientDll --menu --host 127.0.0.1 --port $Port --user $user | Out-Null
}

$clientArgs = { param($user) @((Quote $ClientDll), '--host', '127.0.0.1', '--port', $Port, '--user', $user) }
if (Get-Command wt -ErrorAction SilentlyContinue) {
  Say 'opening alice, bob and carol in Windows Terminal tabs'
  $wtArgs = @()
  foreach ($user in $Users) {
    if ($wtArgs.Count -gt 0) { $wtArgs += ';' }
    $wtArgs += @('new-tab', '--title', "TuiChat $user", 'dotnet') + (& $clientArgs $user)
  }
  Start-Process wt -ArgumentList $wtArgs
} else {
  Say 'opening alice, bob and carol in separate windows (install Windows Terminal for tabs)'
  foreach ($user in $Users) {
    $client = Start-Process dotnet -ArgumentList (& $clientArgs $user) -PassThru
    Add-Content $PidFile $client.Id
  }
}

Write-Host @"

  Server:         127.0.0.1:$Port   (data and logs in $DemoDir)
  Admin password: $AdminPassword   (log in as admin with:
                  `$env:TUICHAT_ADMIN_PASSWORD='$AdminPassword'; dotnet $ClientDll --port $Port --user admin --password-env TUICHAT_ADMIN_PASSWORD)
  Another client: dotnet $ClientDll --port $Port --user dave      (add --menu for the numbered menu)
  In a client:    F1 help · Tab next pane · Alt+Up/Down switch room · Ctrl+Q quit
  Switch windows: Ctrl+Tab between Windows Terminal tabs, Alt+Tab between windows
  Stop all:       ./run-demo.ps1 stop
"@
