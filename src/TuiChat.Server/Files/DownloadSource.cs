using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Connections;

namespace TuiChat.Server.Files;

/// <summary>
/// Streams a stored file as <c>file.chunk</c> frames (at most 64 KiB raw each) and then
/// <c>file.end</c>. The outbound queue pulls one frame at a time as it drains, so a large file is
/// never in memory at once and other traffic to the client interleaves.
/// </summary>
/// <param name="onDisposed">Called once when the file is closed (the download is no longer counted).</param>
public sealed class DownloadSource(string fileId, Stream file, Action onDisposed) : IFrameSource
{
    private long _seq;
    private bool _ended;
    private int _disposed;

    public byte[]? NextFrame()
    {
        if (_ended)
        {
            return null;
        }
        byte[] buffer = new byte[ProtocolLimits.MaxChunkBytes];
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = file.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        if (filled == 0)
        {
            _ended = true;
            return MessageCodec.EncodeFrame(new FileEndEvent { FileId = fileId });
        }
        if (filled < buffer.Length)
        {
            Array.Resize(ref buffer, filled);
        }
        return MessageCodec.EncodeFrame(new FileChunk { FileId = fileId, Seq = _seq++, Data = buffer });
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            file.Dispose();
            onDisposed();
        }
    }
}
