using System.Net;
using System.Net.Sockets;

namespace TuiChat.Server.Tests.Support;

/// <summary>Two connected TCP sockets on loopback (port 0): the server's end and a client's.</summary>
public sealed class LoopbackPair : IDisposable
{
    private LoopbackPair(Socket server, Socket client)
    {
        Server = server;
        Client = client;
    }

    public Socket Server { get; }

    public Socket Client { get; }

    public static async Task<LoopbackPair> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return new LoopbackPair(await listener.AcceptAsync(), client);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes on the client's end (30 s at most).</summary>
    public async Task<byte[]> ReceiveAsync(long count)
    {
        var received = new byte[count];
        int filled = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (filled < count)
        {
            int read = await Client.ReceiveAsync(received.AsMemory(filled), SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"the server closed after {filled} of {count} bytes");
            }
            filled += read;
        }
        return received;
    }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }
}
