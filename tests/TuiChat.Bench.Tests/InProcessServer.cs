using TuiChat.Server;
using TuiChat.Server.Storage;

namespace TuiChat.Bench.Tests;

/// <summary>A real TuiChat server on a free loopback port, rate limit off, with a throw-away data folder.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tuichat-bench-test-" + Guid.NewGuid().ToString("N"));
    private readonly ChatServer _server;

    public InProcessServer()
    {
        _server = new ChatServer(new ServerOptions { Port = 0, DataDirectory = _data, RatePerSecond = 0, MaxConnectionsPerAddress = 0 }, new InMemoryChatStore());
        _server.Start();
    }

    public int Port => _server.Port;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
