using System.Runtime.InteropServices;
using CommandLine;
using Serilog;
using TuiChat.Server;
using TuiChat.Server.Storage;

return Parser.Default.ParseArguments<CommandLineOptions>(args).MapResult(Run, _ => 2);

static int Run(CommandLineOptions cli)
{
    Log.Logger = new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .WriteTo.File(Path.Combine(cli.LogDirectory, "tuichat-server-.log"), rollingInterval: RollingInterval.Day,
            formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .CreateLogger();
    try
    {
        ServerOptions options = cli.ToServerOptions(Environment.GetEnvironmentVariable(cli.AdminPasswordEnv));
        Directory.CreateDirectory(options.DataDirectory);
        var server = new ChatServer(options, new InMemoryChatStore(), TimeProvider.System, Log.Logger);
        server.Start();

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        server.Stopped.GetAwaiter().GetResult();
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            server.RequestShutdown("server", $"received {context.Signal}");
        }
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
