namespace TuiChat.Bench.Wire;

/// <summary>
/// Splits received bytes into IRC lines and finds the bench marker in <c>PRIVMSG</c> lines
/// (<c>:nick!user@host PRIVMSG #room :B...</c>) with span searches, without allocating.
/// </summary>
internal static class IrcScanner
{
    private static ReadOnlySpan<byte> Privmsg => " PRIVMSG "u8;
    private static ReadOnlySpan<byte> TrailingStart => " :"u8;

    /// <summary>
    /// Reports every complete line in <paramref name="data"/> and returns the bytes consumed.
    /// <paramref name="needed"/> is more than the unconsumed rest when a line is incomplete.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> data, IReceiveSink sink, out int needed)
    {
        int offset = 0;
        needed = 0;
        while (offset < data.Length)
        {
            int newline = data.Slice(offset).IndexOf((byte)'\n');
            if (newline < 0)
            {
                needed = data.Length - offset + 1;
                break;
            }
            ReadOnlySpan<byte> line = data.Slice(offset, newline);
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            Dispatch(line, sink);
            offset += newline + 1;
        }
        return offset;
    }

    private static void Dispatch(ReadOnlySpan<byte> line, IReceiveSink sink)
    {
        int command = line.IndexOf(Privmsg);
        if (command >= 0)
        {
            ReadOnlySpan<byte> rest = line.Slice(command + Privmsg.Length);
            int trailing = rest.IndexOf(TrailingStart);
            if (trailing >= 0
                && Marker.TryParse(rest.Slice(trailing + TrailingStart.Length), out int sender, out int seq, out long ticks))
            {
                sink.OnMarker(sender, seq, ticks);
                return;
            }
        }
        if (line.Length > 0)
        {
            sink.OnControl(line);
        }
    }
}
