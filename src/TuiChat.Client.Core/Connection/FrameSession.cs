using System.Net.Sockets;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// One TCP (or TLS) connection: frames out through a single-writer lock, frames in through a
/// <see cref="FrameReader"/> on the connection's reader thread. A reconnect makes a new session.
/// </summary>
internal sealed class FrameSession : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly FrameReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    public FrameSession(TcpClient tcp, Stream stream, int maxFrame)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = new FrameReader(stream, maxFrame);
    }

    /// <summary>Set once <c>hello</c> succeeded; user requests wait for it.</summary>
    public volatile bool LoggedIn;

    /// <summary>
    /// Ends when the login on this session is over, logged in or not. The reader raises the
    /// events that follow the hello reply (the server's <c>joined #general</c>) before the login
    /// code has marked the session logged in, and what those events ask must wait for it.
    /// </summary>
    public TaskCompletionSource LoginOver { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Closed on purpose (quit, dispose, refused login): its end must not trigger a reconnect.</summary>
    public volatile bool ClosedByClient;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Connects to <paramref name="server"/> and wraps the stream (TLS) when <paramref name="options"/> ask;
    /// the wrapping runs under <paramref name="answerToken"/>, the server's time to answer.
    /// </summary>
    public static async Task<FrameSession> OpenAsync(ChatConnectionOptions options, ServerEndpoint server, CancellationToken cancellationToken,
        CancellationToken answerToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(server.Host, server.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (options.WrapStream is { } wrap)
            {
                stream = await wrap(stream, server.Host, answerToken).ConfigureAwait(false);
            }
            return new FrameSession(tcp, stream, options.MaxFrame);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Blocking read of the next frame (reader thread only); false at a clean end of stream.</summary>
    public bool TryReadFrame(out ReadOnlyMemory<byte> payload) => _reader.TryReadFrame(out payload);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            _tcp.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        _stream.Dispose();
        _tcp.Dispose();
    }
}
