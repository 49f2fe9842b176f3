using System.Net;
using System.Net.Sockets;
using TuiChat.Server.Connections;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Connections;

/// <summary>
/// A connection's reader waits for data in poll() (PollingNetworkStream) on a non-blocking socket:
/// it must get what comes, and it must end when the server closes the socket under it (a kick, an
/// idle timeout, a shutdown), or the connection would never finish.
/// </summary>
public sealed class PollingNetworkStreamTests : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private Socket? _server;

    public void Dispose()
    {
        _server?.Dispose();
        _client.Dispose();
        _listener.Dispose();
    }

    private async Task<PollingNetworkStream> ConnectAsync()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        await _client.ConnectAsync(_listener.LocalEndPoint!);
        _server = await _listener.AcceptAsync();
        // The connection's own setup: non-blocking underneath, blocking for its callers.
        Connection.SwitchToNonBlockingMode(_server);
        return new PollingNetworkStream(_server);
    }

    [Fact]
    public async Task AWaitingRead_GetsTheBytesWhenTheyCome()
    {
        await using PollingNetworkStream stream = await ConnectAsync();
        var buffer = new byte[16];
        Task<int> read = Task.Factory.StartNew(() => stream.Read(buffer, 0, buffer.Length), TaskCreationOptions.LongRunning);

        await _client.SendAsync("olá\n"u8.ToArray());

        int count = await read.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("olá\n"u8.ToArray(), buffer[..count]);
    }

    [Fact]
    public async Task AWaitingRead_Ends_WhenTheServerClosesTheSocket()
    {
        await using PollingNetworkStream stream = await ConnectAsync();
        var buffer = new byte[16];
        Task<int> read = Task.Factory.StartNew(() => stream.Read(buffer.AsSpan()), TaskCreationOptions.LongRunning);
        await Eventually.Until(() => read.Status == TaskStatus.Running, "the read to start");

        _server!.Close();

        Exception? ended = await Record.ExceptionAsync(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsNotType<TimeoutException>(ended);
    }
}
