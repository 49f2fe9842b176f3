using System.Globalization;
using System.Text;

namespace TuiChat.Client.Core.Text;

/// <summary>
/// How the terminal really draws the grapheme clusters whose width terminals disagree on, and
/// what to write so that each cluster covers exactly the cells the screen model gave it
/// (<see cref="CellWidth"/>). Terminals differ: tmux 3.3a joins a ZWJ family into 2 columns but
/// draws a skin-tone emoji as two emoji (4 columns); kitty joins both and widens "❤️" (with
/// VS16) to 2; xterm joins neither. Terminal.Gui writes a row as one run and trusts the
/// terminal to advance as its own model says, so one cluster drawn wider or narrower moves
/// every later cell of the row, pane borders included. <see cref="Fit"/> shows such a cluster
/// as its first code point (the base emoji), which both count alike.
/// </summary>
public sealed record TerminalProfile
{
    /// <summary>The samples <see cref="FromMeasured"/> needs, measured on the real terminal.</summary>
    public static readonly IReadOnlyList<string> Samples =
    [
        "\U0001F468\u200D\U0001F469\u200D\U0001F467", // family: joined by ZWJ?
        "\U0001F44D\U0001F3FD", // thumbs up, medium skin tone: modifier joined?
        "\u2764\uFE0F", // heart with VS16: widened to 2?
        "\U0001F1E7\U0001F1F7", // flag of Brazil: columns of a regional-indicator pair
    ];

    /// <summary>What a current terminal emulator does when the real one cannot be asked.</summary>
    public static TerminalProfile Default { get; } = new();

    public bool JoinsZwj { get; init; } = true;

    public bool JoinsModifiers { get; init; } = true;

    public bool WidensVs16 { get; init; } = true;

    public int FlagColumns { get; init; } = 2;

    /// <summary>A profile from the columns the terminal advanced for each of <see cref="Samples"/>.</summary>
    public static TerminalProfile FromMeasured(IReadOnlyList<int> columns) => new()
    {
        JoinsZwj = columns[0] <= 2,
        JoinsModifiers = columns[1] <= 2,
        WidensVs16 = columns[2] >= 2,
        FlagColumns = Math.Clamp(columns[3], 1, 4),
    };

    /// <summary>Columns the terminal draws <paramref name="cluster"/> in.</summary>
    public int Columns(ReadOnlySpan<char> cluster)
    {
        int total = 0;
        int pieceStart = 0;
        bool afterZwj = false;
        int index = 0;
        foreach (Rune rune in cluster.EnumerateRunes())
        {
            bool split = index > 0
                && ((afterZwj && !JoinsZwj) || (IsSkinTone(rune) && !JoinsModifiers));
            if (split)
            {
                total += PieceColumns(cluster[pieceStart..index]);
                pieceStart = index;
            }
            afterZwj = rune.Value == 0x200D;
            index += rune.Utf16SequenceLength;
        }
        return total + PieceColumns(cluster[pieceStart..]);
    }

    /// <summary>
    /// <paramref name="text"/> with every cluster the terminal would draw in a different number
    /// of columns than the screen model gives it (<see cref="CellWidth"/>) replaced by its first
    /// code point, whose width both agree on. Text without such clusters is returned as is.
    /// </summary>
    public string Fit(string text)
    {
        StringBuilder? fitted = null;
        ReadOnlySpan<char> span = text;
        int index = 0;
        while (index < span.Length)
        {
            int length = Math.Max(1, StringInfo.GetNextTextElementLength(span[index..]));
            ReadOnlySpan<char> cluster = span.Slice(index, length);
            bool single = length == 1 || (length == 2 && char.IsSurrogatePair(cluster[0], cluster[1]));
            if (cluster[0] != '\n' && CellWidth.OfCluster(cluster) == 0)
            {
                // A cluster of nothing visible (a lone joiner, a zero-width space): Terminal.Gui
                // still gives it a cell, the terminal draws nothing there.
                fitted ??= new StringBuilder(text.Length).Append(span[..index]);
            }
            else if (cluster.Length > 1 && cluster[^1] == '\u200D')
            {
                // A joiner ending a cluster joins nothing in Unicode, but a terminal may join the
                // next emoji to it and draw two clusters in one cell.
                fitted ??= new StringBuilder(text.Length).Append(span[..index]);
                fitted.Append(cluster.TrimEnd('\u200D'));
            }
            else if (!single && Columns(cluster) != CellWidth.OfCluster(cluster))
            {
                fitted ??= new StringBuilder(text.Length).Append(span[..index]);
                fitted.Append(Rune.GetRuneAt(text, index).ToString());
            }
            else
            {
                fitted?.Append(cluster);
            }
            index += length;
        }
        return fitted?.ToString() ?? text;
    }

    private int PieceColumns(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty)
        {
            return 0;
        }
        Rune first = Rune.GetRuneAt(piece.ToString(), 0);
        if (IsRegionalIndicator(first))
        {
            return piece.Length > first.Utf16SequenceLength ? FlagColumns : 1;
        }
        // wcwidth counts a skin-tone modifier 0 (it is meant to join); drawn alone it is an emoji.
        int columns = IsSkinTone(first) ? 2 : CellWidth.OfRune(first);
        if (WidensVs16 && piece.Contains('\uFE0F'))
        {
            columns = 2;
        }
        return columns;
    }

    private static bool IsSkinTone(Rune rune) => rune.Value is >= 0x1F3FB and <= 0x1F3FF;

    private static bool IsRegionalIndicator(Rune rune) => rune.Value is >= 0x1F1E6 and <= 0x1F1FF;
}
