using System.Text;

namespace TuiChat.Protocol;

/// <summary>
/// The naming and content rules of PROTOCOL.md section 3. Each check returns the
/// normalised value or an error text for the <c>message</c> of an <c>error</c> frame.
/// </summary>
public static class NameRules
{
    /// <summary>Prefix of public rooms.</summary>
    public const char RoomPrefix = '#';

    /// <summary>Prefix of private groups (a TuiChat extension; groups may also use <c>#</c>).</summary>
    public const char GroupPrefix = '+';

    /// <summary>The case-insensitive identity of a user or room name, for dictionary keys.</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    /// <summary>True when <paramref name="target"/> names a room or group rather than a user.</summary>
    public static bool IsRoomName(string target) =>
        target.Length > 0 && (target[0] == RoomPrefix || target[0] == GroupPrefix);

    public static bool TryNormalizeUser(string? raw, out string user, out string error)
    {
        user = "";
        if (string.IsNullOrEmpty(raw))
        {
            error = "a user name is required";
            return false;
        }
        if (!raw.IsNormalized(NormalizationForm.FormC))
        {
            if (!TryNormalize(raw, out raw))
            {
                error = "the user name is not valid Unicode";
                return false;
            }
        }

        int count = 0;
        foreach (Rune rune in raw.EnumerateRunes())
        {
            bool ok = count == 0
                ? Rune.IsLetter(rune)
                : Rune.IsLetterOrDigit(rune) || rune.Value is '_' or '-' or '.';
            if (!ok)
            {
                error = count == 0
                    ? "a user name starts with a letter"
                    : "a user name holds only letters, digits, '_', '-' and '.'";
                return false;
            }
            count++;
        }
        if (count > ProtocolLimits.MaxUserNameLength)
        {
            error = $"a user name has at most {ProtocolLimits.MaxUserNameLength} characters";
            return false;
        }
        user = raw;
        error = "";
        return true;
    }

    /// <summary>Rooms: <c>#</c> (or <c>+</c> for groups) then 1–48 letters, digits, <c>_</c>, <c>-</c>.</summary>
    public static bool TryValidateRoom(string? raw, out string error)
    {
        if (string.IsNullOrEmpty(raw) || !IsRoomName(raw))
        {
            error = "a room name starts with '#' (or '+' for a group)";
            return false;
        }
        int count = 0;
        foreach (Rune rune in raw.AsSpan(1).EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune) && rune.Value is not ('_' or '-'))
            {
                error = "a room name holds only letters, digits, '_' and '-' after its prefix";
                return false;
            }
            count++;
        }
        if (count is 0 or > ProtocolLimits.MaxRoomNameLength)
        {
            error = $"a room name has 1 to {ProtocolLimits.MaxRoomNameLength} characters after its prefix";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>
    /// Message text: trimmed, 1–4,096 UTF-8 bytes, no C0/C1 control characters but <c>\n</c> and <c>\t</c>.
    /// </summary>
    public static bool TryValidateText(string? raw, out string text, out string error)
    {
        text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "the text is empty";
            return false;
        }
        if (Encoding.UTF8.GetByteCount(text) > ProtocolLimits.MaxTextBytes)
        {
            error = $"the text is over {ProtocolLimits.MaxTextBytes} bytes";
            return false;
        }
        foreach (char c in text)
        {
            if (IsControl(c) && c is not ('\n' or '\t'))
            {
                error = "the text holds control characters";
                return false;
            }
        }
        error = "";
        return true;
    }

    /// <summary>A free-text field such as a topic or reason: like message text, but may be empty and has no newlines.</summary>
    public static bool TryValidateLine(string? raw, int maxBytes, out string line, out string error)
    {
        line = raw?.Trim() ?? "";
        if (Encoding.UTF8.GetByteCount(line) > maxBytes)
        {
            error = $"the text is over {maxBytes} bytes";
            return false;
        }
        foreach (char c in line)
        {
            if (IsControl(c))
            {
                error = "the text holds control characters";
                return false;
            }
        }
        error = "";
        return true;
    }

    /// <summary>A file's base name: no separators, <c>..</c>, NUL or controls, no leading dot, 1–255 bytes.</summary>
    public static bool TryValidateFileName(string? name, out string error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = "the file name is empty";
            return false;
        }
        if (Encoding.UTF8.GetByteCount(name) > ProtocolLimits.MaxFileNameBytes)
        {
            error = $"the file name is over {ProtocolLimits.MaxFileNameBytes} bytes";
            return false;
        }
        if (name.StartsWith('.'))
        {
            error = "the file name starts with '.'";
            return false;
        }
        if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal))
        {
            error = "the file name holds a path ('/', '\\' or '..')";
            return false;
        }
        foreach (char c in name)
        {
            if (IsControl(c))
            {
                error = "the file name holds control characters";
                return false;
            }
        }
        error = "";
        return true;
    }

    public static bool TryValidatePassword(string? password, out string error)
    {
        if (password is null || password.Length < ProtocolLimits.MinPasswordLength || password.Length > ProtocolLimits.MaxPasswordLength)
        {
            error = $"a password has {ProtocolLimits.MinPasswordLength} to {ProtocolLimits.MaxPasswordLength} characters";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>A SHA-256 digest in lower-case hex.</summary>
    public static bool IsSha256Hex(string? hex) =>
        hex is { Length: 64 } && hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F) control characters.</summary>
    public static bool IsControl(char c) => c < 0x20 || c is >= '\u007f' and <= '\u009f';

    private static bool TryNormalize(string raw, out string normalized)
    {
        try
        {
            normalized = raw.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = raw;
            return false;
        }
    }
}
