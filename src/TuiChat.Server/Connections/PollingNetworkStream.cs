using System.Net.Sockets;

namespace TuiChat.Server.Connections;

/// <summary>
/// The stream a connection reads and writes (TLS wraps it): its reads wait for data in the kernel,
/// with poll(), before they receive. The socket is non-blocking (see <see cref="Connection"/>), so
/// a plain blocking receive would go through .NET's emulation: the reader parks on an event that
/// the socket engine's epoll thread sets when data comes, two wake-ups per wait and an event made
/// each time. Waiting in poll() is one wake-up, straight to the reader: on the paced row (100
/// clients, 200 lines/s) it cut the server's CPU per delivery by a seventh (docs/BENCHMARKS.md).
/// Closing the socket from another thread still ends the wait (.NET shuts a socket down when it
/// closes it under a blocked call). A TLS stream reads from this one only when it needs bytes from
/// the socket, so the wait never holds back data TLS has already decrypted.
/// </summary>
internal sealed class PollingNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: false)
{
    public override int Read(byte[] buffer, int offset, int count)
    {
        WaitForData();
        return base.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        WaitForData();
        return base.Read(buffer);
    }

    /// <summary>Returns at once when data (or the end, or an error) is there; the receive that follows reports which.</summary>
    private void WaitForData() => Socket.Poll(-1, SelectMode.SelectRead);
}
