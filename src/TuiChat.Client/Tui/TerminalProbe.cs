using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// Asks the real terminal, before the screen starts, how wide it draws the clusters terminals
/// disagree on: each sample is written at the start of the line and the cursor position is
/// read back (DSR, what <see cref="Console.GetCursorPosition"/> sends). The line is erased
/// afterwards. A terminal that does not answer gets <see cref="TerminalProfile.Default"/>.
/// Keys typed while the client starts arrive mixed with the answers; .NET keeps them for
/// <see cref="Console.ReadKey(bool)"/>, which the screen never calls, so the probe hands them back
/// (<paramref name="typedAhead"/>) for the input line: a person who starts typing at once loses nothing.
/// </summary>
internal static class TerminalProbe
{
    public static TerminalProfile Measure(out string typedAhead)
    {
        typedAhead = "";
        try
        {
            var columns = new List<int>();
            foreach (string sample in TerminalProfile.Samples)
            {
                Console.Write("\r" + sample);
                columns.Add(Console.GetCursorPosition().Left);
            }
            typedAhead = ReadTypedAhead();
            return TerminalProfile.FromMeasured(columns);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return TerminalProfile.Default;
        }
        finally
        {
            Console.Write("\r\u001B[2K");
        }
    }

    /// <summary>What was typed before the screen started: the characters, without the keys that have none (arrows, F-keys).</summary>
    private static string ReadTypedAhead()
    {
        var typed = new System.Text.StringBuilder();
        while (Console.KeyAvailable)
        {
            char c = Console.ReadKey(intercept: true).KeyChar;
            if (c != '\0')
            {
                typed.Append(c);
            }
        }
        return typed.ToString();
    }
}
