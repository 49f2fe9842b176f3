using System.Net;
using System.Net.Sockets;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Connections;

/// <summary>
/// A connection's reader receives synchronously while its writer sends asynchronously. .NET turns
/// a socket non-blocking on its first asynchronous operation, and a synchronous receive that races
/// that switch can fail with a spurious "Connection timed out", which dropped clients right after
/// login under a burst of logins. The server's socket stream (PollingNetworkStream) therefore
/// makes the socket non-blocking before either thread uses it: these tests check the kernel's
/// view of the server's socket before the server has written a byte. The race itself is too rare
/// to provoke in a test; the login benchmark in docs/BENCHMARKS.md is where it showed.
/// </summary>
public sealed class SocketModeTests
{
    [Fact]
    public async Task NativeConnection_IsNonBlocking_BeforeTheServerHasSentAnything()
    {
        await using TestServer server = TestServer.Start();
        await AssertNonBlockingBeforeAnyTraffic(server.Port);
    }

    [Fact]
    public async Task IrcConnection_IsNonBlocking_BeforeTheServerHasSentAnything()
    {
        await using TestServer server = TestServer.Start();
        await AssertNonBlockingBeforeAnyTraffic(server.IrcPort);
    }

    private static async Task AssertNonBlockingBeforeAnyTraffic(int port)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port);

        await Eventually.Until(() => ServerSideSocket.Flags(client) is { } flags && ServerSideSocket.IsNonBlocking(flags),
            "the server's socket for a silent client to be non-blocking", TimeSpan.FromSeconds(5));

        Assert.Equal(0, client.Available);
    }
}
