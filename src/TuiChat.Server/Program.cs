using System.Runtime.InteropServices;
using Serilog;
using TuiChat.Server;
using TuiChat.Server.Files;
using TuiChat.Server.Security;
using TuiChat.Server.Storage;

return ServerCommandLine.Run(args, Run);

static int Run(CommandLineOptions cli)
{
    using var logFile = new ReopenableFileSink(() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.File(Path.Combine(cli.LogDirectory, "tuichat-server-.log"), rollingInterval: RollingInterval.Day,
            formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .CreateLogger());
    Log.Logger = new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .WriteTo.Sink(logFile)
        .CreateLogger();
    try
    {
        ServerOptions options = cli.ToServerOptions(Environment.GetEnvironmentVariable(cli.AdminPasswordEnv));
        using TlsServerAuthenticator? tls = cli.TlsCertificate is null
            ? null
            : TlsServerAuthenticator.Load(cli.TlsCertificate, cli.TlsPasswordEnv, options.HelloDeadline);
        if (tls is not null)
        {
            Log.Information("TLS on: certificate {Subject}, SHA-256 {Fingerprint}, valid until {NotAfter:u}", tls.Subject, tls.Fingerprint, tls.NotAfter);
            if (tls.NotAfter < DateTime.Now)
            {
                Log.Warning("The TLS certificate has expired; clients that check it will refuse to connect");
            }
        }

        // The server disposes the store when it stops; the using covers a failed start.
        using IChatStore store = StoreSelection.Open(cli, out IFileStore? files);
        var server = new ChatServer(options, store, TimeProvider.System, Log.Logger, tls, files);
        // Before the start line: a supervisor may send SIGHUP as soon as it sees the server listen.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangUp);
        server.Start();

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        server.Stopped.GetAwaiter().GetResult();
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            // This process only: in a cluster the other servers carry on (an admin's shutdown stops them all).
            _ = server.StopAsync("server", $"received {context.Signal}");
        }

        // SIGHUP, as for most daemons, reopens the log file (after logrotate moved it) and goes on.
        void OnHangUp(PosixSignalContext context)
        {
            context.Cancel = true;
            logFile.Reopen();
            Log.Information("Log file reopened (SIGHUP)");
        }
    }
    catch (Exception e) when (e is StoreOpenException or TlsConfigurationException or TuiChat.Server.Cluster.ClusterStartException)
    {
        // Configuration problems the operator fixes: one clear line, no stack trace.
        Log.Fatal("The server could not start: {Reason}", e.Message);
        return 1;
    }
    catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException or FormatException)
    {
        Log.Fatal(e, "The server could not start");
        return 1;
    }
    finally
    {
        Log.CloseAndFlush();
    }
}
