using System.Net.Sockets;
using TuiChat.Server.Connections;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Connections;

/// <summary>
/// A connection's reader waits for data in poll() (PollingNetworkStream) on a non-blocking socket:
/// it must get what comes, and it must end when the server closes the socket under it (a kick, an
/// idle timeout, a shutdown), or the connection would never finish. Writes on that socket must
/// never lose a byte when the kernel's buffer is full: a blocking write waits for room, a
/// write-now says how much went.
/// </summary>
public sealed class PollingNetworkStreamTests : IDisposable
{
    private LoopbackPair? _pair;

    public void Dispose() => _pair?.Dispose();

    private async Task<PollingNetworkStream> ConnectAsync()
    {
        _pair = await LoopbackPair.ConnectAsync();
        return new PollingNetworkStream(_pair.Server);
    }

    [Fact]
    public async Task AWaitingRead_GetsTheBytesWhenTheyCome()
    {
        await using PollingNetworkStream stream = await ConnectAsync();
        var buffer = new byte[16];
        Task<int> read = Task.Factory.StartNew(() => stream.Read(buffer, 0, buffer.Length), TaskCreationOptions.LongRunning);

        await _pair!.Client.SendAsync("olá\n"u8.ToArray());

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

        _pair!.Server.Close();

        Exception? ended = await Record.ExceptionAsync(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsNotType<TimeoutException>(ended);
    }

    [Fact]
    public async Task WriteNow_OnAFullSocket_SaysHowMuchWent_AndNeverWaits()
    {
        await using PollingNetworkStream stream = await ConnectAsync();
        byte[] chunk = Pattern(64 * 1024, 0);

        // The client reads nothing: the kernel's buffers fill and a write-now takes nothing more.
        long accepted = 0;
        int sent;
        do
        {
            sent = stream.WriteNow(chunk);
            accepted += sent;
        }
        while (sent == chunk.Length);
        Assert.Equal(0, stream.WriteNow(chunk));

        byte[] received = await _pair!.ReceiveAsync(accepted);
        Assert.Equal(accepted, received.Length);
        byte[] expected = Enumerable.Range(0, (int)accepted).Select(i => chunk[i % chunk.Length]).ToArray();
        Assert.True(received.AsSpan().SequenceEqual(expected), "the bytes taken arrive whole and in order");
    }

    [Fact]
    public async Task Write_WaitsForRoom_AndSendsEverything()
    {
        await using PollingNetworkStream stream = await ConnectAsync();
        byte[] data = Pattern(8 * 1024 * 1024, 7);

        Task write = Task.Factory.StartNew(() => stream.Write(data, 0, data.Length), TaskCreationOptions.LongRunning);
        byte[] received = await _pair!.ReceiveAsync(data.Length);

        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(received.AsSpan().SequenceEqual(data), "8 MiB written through a full socket arrive whole and in order");
    }

    private static byte[] Pattern(int length, int seed) => Enumerable.Range(seed, length).Select(i => (byte)(i % 251)).ToArray();
}
