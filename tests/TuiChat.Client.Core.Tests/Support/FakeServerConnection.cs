using System.Net.Sockets;
using System.Threading.Channels;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Support;

/// <summary>One client connection on the <see cref="FakeServer"/>: decoded requests in, frames out.</summary>
internal sealed class FakeServerConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly Channel<Request> _received = Channel.CreateUnbounded<Request>();
    private readonly Lock _writeGate = new();
    private int _disposed;

    public FakeServerConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        new Thread(ReadLoop) { IsBackground = true, Name = "fake-server-reader" }.Start();
    }

    /// <summary>Completes when the client closes its side.</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next request of type <typeparamref name="T"/>; fails if another type comes first.</summary>
    public async Task<T> ReceiveAsync<T>() where T : Request
    {
        Request request = await ReceiveAnyAsync();
        return Assert.IsType<T>(request);
    }

    public async Task<Request> ReceiveAnyAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);

    public void Send(IFrameMessage message)
    {
        byte[] frame = MessageCodec.EncodeFrame(message);
        lock (_writeGate)
        {
            _stream.Write(frame);
        }
    }

    /// <summary>Drops the connection the way a crashed server would.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            _client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
        _client.Dispose();
    }

    private void ReadLoop()
    {
        var reader = new FrameReader(_stream);
        try
        {
            while (reader.TryReadFrame(out ReadOnlyMemory<byte> payload))
            {
                Envelope envelope = MessageCodec.ReadEnvelope(payload.Span);
                _received.Writer.TryWrite(MessageCodec.DecodeRequest(envelope.Type, payload.Span));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The client went away.
        }
        _received.Writer.TryComplete();
        Closed.TrySetResult();
    }
}
