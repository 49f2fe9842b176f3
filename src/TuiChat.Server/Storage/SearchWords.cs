using System.Globalization;
using System.Text;

namespace TuiChat.Server.Storage;

/// <summary>
/// What <c>search</c> matches, the same in every store: the query and each line are folded (case
/// and accents dropped) and split into words, runs of letters and digits; a line matches when each
/// query word starts one of its words. SQLite's FTS5 <c>unicode61</c> tokenizer with
/// <c>remove_diacritics 2</c> splits and folds the same way; <see cref="Matches"/> is the reference
/// for stores without a full-text index.
/// </summary>
public static class SearchWords
{
    /// <summary>More words narrow a search no further in practice and cost one index lookup each.</summary>
    public const int MaxWords = 8;

    /// <summary>The text of an end-to-end encrypted message (PROTOCOL.md): unreadable to the server, so never indexed.</summary>
    private const string SealedPrefix = "🔒e2e1:";

    /// <summary>The folded words of <paramref name="query"/>, at most <see cref="MaxWords"/>, without repeats; empty when it has none.</summary>
    public static IReadOnlyList<string> Parse(string query) => Split(query).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();

    /// <summary>False for lines no search may find (encrypted ones): stores leave them out of their index.</summary>
    public static bool IsIndexed(string text) => !text.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>True when every word in <paramref name="words"/> (from <see cref="Parse"/>) starts a word of <paramref name="text"/>.</summary>
    public static bool Matches(string text, IReadOnlyList<string> words)
    {
        if (!IsIndexed(text))
        {
            return false;
        }
        List<string> lineWords = Split(text);
        return words.All(word => lineWords.Exists(w => w.StartsWith(word, StringComparison.Ordinal)));
    }

    /// <summary>The FTS5 MATCH expression for <paramref name="words"/>: every word as a quoted prefix (letters and digits need no escaping).</summary>
    public static string ToFtsQuery(IReadOnlyList<string> words) => string.Join(' ', words.Select(w => "\"" + w + "\"*"));

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (Rune rune in Fold(text).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Lower case without diacritics: "Café" → "cafe".</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (Rune rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }
        return folded.ToString();
    }
}
