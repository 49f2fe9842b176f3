using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace TuiChat.Client.Core.Tests.Support;

/// <summary>
/// A tiny scripted server on a loopback port: each accepted connection becomes a
/// <see cref="FakeServerConnection"/> the test reads requests from and writes frames to.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FakeServerConnection> _accepted = Channel.CreateUnbounded<FakeServerConnection>();
    private readonly ConcurrentBag<FakeServerConnection> _all = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _acceptedCount;

    public FakeServer()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were accepted so far.</summary>
    public int AcceptedCount => Volatile.Read(ref _acceptedCount);

    public async Task<FakeServerConnection> AcceptAsync() =>
        await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);

    /// <summary>The last <c>hello</c> <see cref="AcceptAndLoginAsync"/> answered.</summary>
    public Protocol.Messages.HelloRequest? LastHello { get; private set; }

    /// <summary>Accepts a connection and answers its <c>hello</c> with <c>ok</c> for <paramref name="user"/>.</summary>
    public async Task<FakeServerConnection> AcceptAndLoginAsync(string user = "alice", string role = "user")
    {
        FakeServerConnection connection = await AcceptAsync();
        var hello = await connection.ReceiveAsync<Protocol.Messages.HelloRequest>();
        LastHello = hello;
        connection.Send(new Protocol.Messages.HelloOk { Re = hello.Id!, User = user, Role = role, Server = "fake" });
        return connection;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _acceptedCount);
                var connection = new FakeServerConnection(client);
                _all.Add(connection);
                await _accepted.Writer.WriteAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        foreach (FakeServerConnection connection in _all)
        {
            connection.Dispose();
        }
        _stop.Dispose();
    }
}
