using System.Globalization;
using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Tests.Menu;

/// <summary>The real server binary on a free loopback port, and connections to it made in this process.</summary>
internal sealed class RealServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-real-server-").FullName;
    private ConsoleProcess? _process;

    public int Port { get; private set; }

    /// <summary>Starts the server with <c>--rate <paramref name="requestsPerSecond"/></c> (0: no limit; the burst is always 20).</summary>
    public static async Task<RealServer> StartAsync(int requestsPerSecond)
    {
        var server = new RealServer();
        string[] rate = ["--rate", requestsPerSecond.ToString(CultureInfo.InvariantCulture)];
        server._process = ConsoleProcess.Start("server", BuiltBinaries.ServerDll, null,
        [
            "--bind", "127.0.0.1", "--port", "0", .. rate,
            "--data", Path.Combine(server._folder, "data"), "--log", Path.Combine(server._folder, "logs"),
        ]);
        var listening = await server._process.WaitForAsync(@"listening on \S+:(\d+)");
        server.Port = int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
        return server;
    }

    public ChatConnection Connection(string user) => new(new ChatConnectionOptions { Host = "127.0.0.1", Port = Port, User = user });

    public void Dispose()
    {
        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
