using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Bench.Search;

/// <summary>
/// A TuiChat connection that asks and waits for the reply: every request gets an id, a reader
/// thread matches replies to them by <c>re</c> and drops events. Many asks may be in flight.
/// </summary>
internal sealed class RequestConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Thread? _reader;
    private long _nextId;

    public static async Task<RequestConnection> LoginAsync(EndPoint server, string user, CancellationToken cancel)
    {
        var connection = new RequestConnection();
        await connection._socket.ConnectAsync(server, cancel).ConfigureAwait(false);
        connection._reader = new Thread(connection.ReadReplies) { IsBackground = true, Name = "search-bench " + user };
        connection._reader.Start();
        await connection.AskOkAsync(new HelloRequest { Protocol = ProtocolLimits.Version, User = user }).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Sends <paramref name="request"/> with a fresh id and returns the reply's payload (an <c>ok</c> or an <c>error</c>).</summary>
    public async Task<byte[]> AskAsync(Request request)
    {
        string id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = reply;
        byte[] frame = MessageCodec.EncodeFrame(request with { Id = id });
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, SocketFlags.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>As <see cref="AskAsync"/>, and throws when the reply is an <c>error</c>.</summary>
    public async Task<byte[]> AskOkAsync(Request request)
    {
        byte[] reply = await AskAsync(request).ConfigureAwait(false);
        if (MessageCodec.ReadEnvelope(reply).Type == MessageTypes.Error)
        {
            ErrorReply error = MessageCodec.Decode<ErrorReply>(reply);
            throw new InvalidOperationException($"{request.Type}: {error.Code} ({error.Message})");
        }
        return reply;
    }

    public void Dispose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the server.
        }
        _socket.Dispose();
        _reader?.Join();
        _sendLock.Dispose();
    }

    private void ReadReplies()
    {
        // An error that answers no request (the server turning the connection away, or dropping it
        // for its send queue) says why the connection ended.
        string why = "";
        try
        {
            using var stream = new NetworkStream(_socket, ownsSocket: false);
            var frames = new FrameReader(stream);
            while (frames.TryReadFrame(out ReadOnlyMemory<byte> payload))
            {
                Envelope envelope = MessageCodec.ReadEnvelope(payload.Span);
                if (envelope.Re is { } re && _waiting.TryRemove(re, out TaskCompletionSource<byte[]>? reply))
                {
                    reply.SetResult(payload.ToArray());
                }
                else if (envelope.Type == MessageTypes.Error)
                {
                    ErrorReply error = MessageCodec.Decode<ErrorReply>(payload.ToArray());
                    why = $": {error.Code}: {error.Message}";
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            why = $": {e.Message}";
        }
        foreach (TaskCompletionSource<byte[]> reply in _waiting.Values)
        {
            reply.TrySetException(new IOException("the server closed the connection" + why));
        }
    }
}
