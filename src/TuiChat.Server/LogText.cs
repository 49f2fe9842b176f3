using TuiChat.Protocol;

namespace TuiChat.Server;

/// <summary>
/// Makes client-supplied text safe to log: control characters (ESC sequences), bidi controls
/// (U+202E turns the rest of a log line around) and zero-width characters become '?', long text is cut.
/// </summary>
public static class LogText
{
    public static string Safe(string? text, int maxLength = 64)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        string cut = text.Length > maxLength ? text[..maxLength] + "..." : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = NameRules.IsControl(source[i]) || NameRules.IsInvisibleFormat(source[i]) ? '?' : source[i];
            }
        });
    }
}
