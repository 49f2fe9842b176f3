namespace TuiChat.Bench;

/// <summary>
/// The fixed-width stamp at the start of every bench message text:
/// <c>B</c>, the sender index (4 decimal digits), the sequence number (8 decimal digits) and the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the send (16 hex digits).
/// The receiver finds it with a span search and parses it without allocating.
/// </summary>
internal static class Marker
{
    public const byte Lead = (byte)'B';
    public const int SenderDigits = 4;
    public const int SeqDigits = 8;
    public const int TicksDigits = 16;
    public const int Length = 1 + SenderDigits + SeqDigits + TicksDigits;
    public const int MaxSenders = 9_999;
    public const int MaxSeq = 99_999_999;

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>Writes the marker into the first <see cref="Length"/> bytes of <paramref name="target"/>.</summary>
    public static void Write(Span<byte> target, int sender, int seq, long ticks)
    {
        target[0] = Lead;
        WriteDecimal(target.Slice(1, SenderDigits), sender);
        WriteDecimal(target.Slice(1 + SenderDigits, SeqDigits), seq);
        Span<byte> hex = target.Slice(1 + SenderDigits + SeqDigits, TicksDigits);
        ulong value = (ulong)ticks;
        for (int i = TicksDigits - 1; i >= 0; i--)
        {
            hex[i] = Hex[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>Parses a marker at the start of <paramref name="source"/>; false if there is none.</summary>
    public static bool TryParse(ReadOnlySpan<byte> source, out int sender, out int seq, out long ticks)
    {
        sender = seq = 0;
        ticks = 0;
        if (source.Length < Length || source[0] != Lead
            || !TryReadDecimal(source.Slice(1, SenderDigits), out sender)
            || !TryReadDecimal(source.Slice(1 + SenderDigits, SeqDigits), out seq))
        {
            return false;
        }
        ulong value = 0;
        foreach (byte b in source.Slice(1 + SenderDigits + SeqDigits, TicksDigits))
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }
            value = (value << 4) | (uint)digit;
        }
        ticks = (long)value;
        return true;
    }

    private static void WriteDecimal(Span<byte> target, int value)
    {
        for (int i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryReadDecimal(ReadOnlySpan<byte> source, out int value)
    {
        value = 0;
        foreach (byte b in source)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }
            value = (value * 10) + (int)digit;
        }
        return true;
    }
}
