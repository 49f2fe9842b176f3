using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>
/// A short text a user says about itself to others: an away text, a quit reason. One line of at
/// most <see cref="MaxLength"/> characters, checked as message text is (no control characters).
/// </summary>
public static class StatusText
{
    public const int MaxLength = 256;

    /// <summary>
    /// Checks <paramref name="raw"/>; blank is valid and gives null (no text). False with
    /// <paramref name="error"/> for a text that is not one valid line of at most <see cref="MaxLength"/>.
    /// </summary>
    public static bool TryValidate(string? raw, out string? text, out string error)
    {
        text = null;
        error = "";
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }
        if (!NameRules.TryValidateText(raw, out string valid, out error))
        {
            return false;
        }
        if (valid.Length > MaxLength || valid.Contains('\n', StringComparison.Ordinal))
        {
            error = $"one line of at most {MaxLength} characters";
            return false;
        }
        text = valid;
        return true;
    }

    /// <summary>
    /// A text from a client that cannot be answered (a quit reason) or that protocol truncates (IRC's
    /// AWAYLEN): cut to <see cref="MaxLength"/> and its first line; null when nothing valid remains.
    /// </summary>
    public static string? Lenient(string? raw)
    {
        string line = (raw ?? "").Split('\n')[0];
        if (line.Length > MaxLength)
        {
            line = line[..MaxLength];
        }
        return TryValidate(line, out string? text, out _) ? text : null;
    }
}
