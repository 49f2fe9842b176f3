using System.Security.Cryptography;
using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Files;

/// <summary>
/// One upload in progress: chunks are written straight to the temporary file and hashed as they
/// come, so memory stays at one chunk whatever the file size.
/// </summary>
public sealed class Upload : IDisposable
{
    private readonly Stream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _nextSeq;

    public Upload(string fileId, Target target, string name, long size, string sha256, Stream file)
    {
        FileId = fileId;
        Target = target;
        Name = name;
        Size = size;
        Sha256 = sha256;
        _file = file;
    }

    public string FileId { get; }

    public Target Target { get; }

    public string Name { get; }

    public long Size { get; }

    public string Sha256 { get; }

    public long Received { get; private set; }

    public bool IsComplete => Received == Size;

    /// <summary>Writes the next chunk; a gap in <c>seq</c>, an oversized chunk or bytes beyond the size refuse it.</summary>
    public Outcome Append(long seq, byte[] data)
    {
        if (seq != _nextSeq)
        {
            return Outcome.Fail(ErrorCodes.FileCorrupt, $"chunk {seq} arrived where chunk {_nextSeq} was due");
        }
        if (data.Length is 0 or > ProtocolLimits.MaxChunkBytes)
        {
            return Outcome.Fail(ErrorCodes.FileCorrupt, $"a chunk holds 1 to {ProtocolLimits.MaxChunkBytes} bytes");
        }
        if (Received + data.Length > Size)
        {
            return Outcome.Fail(ErrorCodes.FileCorrupt, $"the chunks exceed the announced size of {Size} bytes");
        }
        _file.Write(data);
        _hash.AppendData(data);
        Received += data.Length;
        _nextSeq++;
        return Outcome.Success;
    }

    /// <summary>Closes the file and compares its SHA-256 with the announced one.</summary>
    public bool Finish()
    {
        // The bytes must be durable before the file is offered; a file on disk needs an fsync for that.
        if (_file is FileStream onDisk)
        {
            onDisk.Flush(flushToDisk: true);
        }
        else
        {
            _file.Flush();
        }
        _file.Dispose();
        string actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        return actual == Sha256;
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }
}
