using System.Text;
using TuiChat.Protocol.Text;

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

    /// <summary>
    /// The case-insensitive identity of a user or room name, for dictionary keys: NFKC, then full
    /// Unicode case folding, so <c>STRASSE</c> = <c>straße</c> and <c>ΟΔΥΣΣΕΥΣ</c> = <c>οδυσσευς</c>.
    /// For ASCII it is the lower case, as before.
    /// </summary>
    /// <remarks>
    /// ASCII is its own NFKC form and folds by A–Z to a–z alone, so an ASCII name (most names, and
    /// the room of nearly every line, which is keyed several times on its way) is lowered here
    /// without ICU's call and its three allocations; <see cref="string.ToLowerInvariant"/> hands back
    /// the name itself when it has no capital.
    /// </remarks>
    public static string Key(string name) =>
        Ascii.IsValid(name)
            ? name.ToLowerInvariant()
            : Icu.FoldCase(TryNormalize(name, NormalizationForm.FormKC, out string nfkc) ? nfkc : name);

    /// <summary>
    /// The look-alike identity of a name (the Unicode TR39 confusable skeleton of its key, folded
    /// again, as ergo does): <c>аdmin</c> (Cyrillic а), <c>admın</c>, <c>Αdmin</c> (Greek Α) and
    /// <c>admin</c> share one. Two names with the same skeleton cannot both be taken. Folding
    /// turns <c>İ</c> into <c>i</c> plus a combining dot above, which shows as nothing on an
    /// already dotted <c>i</c> or <c>j</c>, so that dot is dropped (<c>ADMİN</c> looks like admin).
    /// </summary>
    public static string Skeleton(string name) =>
        Icu.FoldCase(Icu.Skeleton(Key(name)))
            .Replace("i\u0307", "i", StringComparison.Ordinal)
            .Replace("j\u0307", "j", StringComparison.Ordinal);

    /// <summary>True when two names look alike (same skeleton) though they may differ in case or script.</summary>
    public static bool LookAlike(string a, string b) => Skeleton(a) == Skeleton(b);

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
        // NFKC before any check: fullwidth and mathematical letters become the letters they show.
        if (!TryNormalize(raw, NormalizationForm.FormKC, out raw))
        {
            error = "the user name is not valid Unicode";
            return false;
        }

        int count = 0;
        foreach (Rune rune in raw.EnumerateRunes())
        {
            bool ok = !IsInvisibleLetter(rune) && (count == 0
                ? Rune.IsLetter(rune)
                : Rune.IsLetterOrDigit(rune) || rune.Value is '_' or '-' or '.');
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
            if (IsInvisibleFormat(c))
            {
                error = "the file name holds invisible or direction-changing characters";
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

    /// <summary>
    /// Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks
    /// U+200E/U+200F/U+061C, and zero-width characters (U+200B–U+200D, U+2060, U+FEFF): they
    /// reorder or hide what a name shows (<c>invoice\u202Efdp.exe</c> reads as a PDF).
    /// </summary>
    public static bool IsInvisibleFormat(char c) =>
        c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or (>= '\u200b' and <= '\u200f')
            or '\u2060' or '\ufeff' or '\u061c';

    /// <summary>Hangul fillers: letters to Unicode that show as nothing, so a name made of them looks empty.</summary>
    private static bool IsInvisibleLetter(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0;

    private static bool TryNormalize(string raw, NormalizationForm form, out string normalized)
    {
        try
        {
            normalized = raw.Normalize(form);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = raw;
            return false;
        }
    }
}
