using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// Asks the real terminal, before the screen starts, how wide it draws the clusters terminals
/// disagree on: each sample is written at the start of the line and the cursor position is
/// read back (DSR, what <see cref="Console.GetCursorPosition"/> sends). The line is erased
/// afterwards. A terminal that does not answer gets <see cref="TerminalProfile.Default"/>.
/// </summary>
internal static class TerminalProbe
{
    public static TerminalProfile Measure()
    {
        try
        {
            var columns = new List<int>();
            foreach (string sample in TerminalProfile.Samples)
            {
                Console.Write("\r" + sample);
                columns.Add(Console.GetCursorPosition().Left);
            }
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
}
