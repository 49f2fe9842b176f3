using System.Text;
using System.Text.Unicode;

namespace TuiChat.Server.Irc;

/// <summary>What the reader found: a line, a line that was too long or not UTF-8 (both skipped), or the end.</summary>
public enum IrcRead
{
    Line,
    TooLong,
    BadUtf8,
    End,
}

/// <summary>
/// Reads CR LF (or bare LF) terminated lines from a stream with a fixed buffer: at most 4,094
/// bytes of tag data plus 512 of message, CR LF included (RFC 1459; a client's share of the 8,191
/// bytes of tags, IRCv3 message-tags). A longer
/// line, or one whose tags or message part is over its own limit, is reported and skipped (never
/// buffered); a line that is not UTF-8 is reported and skipped, with its text decoded leniently so
/// that its label can still be answered.
/// </summary>
public sealed class IrcLineReader(Stream stream)
{
    /// <summary>Client tags: 4,094 bytes of tag data, plus the '@' and the space (message-tags).</summary>
    public const int MaxTagBytes = 4094 + 2;

    /// <summary>The message without its tags, CR LF included.</summary>
    public const int MaxMessageBytes = 512;

    /// <summary>Client tags plus the message.</summary>
    public const int MaxLineBytes = MaxTagBytes + MaxMessageBytes;

    private readonly byte[] _buffer = new byte[MaxLineBytes + 2];
    private int _start;
    private int _end;
    private bool _skipping;

    /// <summary>Whether a whole line is buffered: <see cref="Read"/> will not wait for the stream.</summary>
    public bool HasLine => Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start) >= 0;

    public IrcRead Read(out string line)
    {
        line = "";
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                int length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }
                var bytes = new ReadOnlySpan<byte>(_buffer, _start, length);
                _start = newline + 1;
                if (_skipping)
                {
                    _skipping = false;
                    return IrcRead.TooLong;
                }
                if (IsOverLimits(bytes))
                {
                    return IrcRead.TooLong;
                }
                line = Encoding.UTF8.GetString(bytes);
                return Utf8.IsValid(bytes) ? IrcRead.Line : IrcRead.BadUtf8;
            }
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                // No end of line in a full buffer: drop what we have and skip to the next LF.
                _skipping = true;
                _end = 0;
            }
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return IrcRead.End;
            }
            _end += read;
        }
    }

    /// <summary>True when the tags or the message part of a line (without CR LF) is over its limit.</summary>
    private static bool IsOverLimits(ReadOnlySpan<byte> line)
    {
        int tags = 0;
        if (line.Length > 0 && line[0] == '@')
        {
            int space = line.IndexOf((byte)' ');
            tags = space < 0 ? line.Length : space + 1;
        }
        return tags > MaxTagBytes || line.Length - tags + 2 > MaxMessageBytes;
    }
}
