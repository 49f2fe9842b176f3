using System.Globalization;
using System.Text;

namespace TuiChat.Server.Storage;

/// <summary>
/// What <c>search</c> matches, the same in every store: the query and each line are folded (case
/// and accents dropped) and split into words, runs of letters and digits; a line matches when it
/// holds each query word, and a query word followed by <c>*</c> (kept as <c>word*</c>) matches the
/// words it starts. SQLite's FTS5 <c>unicode61</c> tokenizer with <c>remove_diacritics 2</c> splits
/// and folds the same way; <see cref="Matches"/> is the reference for stores without a full-text index.
/// Whole words by default: a prefix query merges the lists of every word it starts, which costs
/// far more than one word's list (docs/BENCHMARKS.md).
/// </summary>
public static class SearchWords
{
    /// <summary>More words narrow a search no further in practice and cost one index lookup each.</summary>
    public const int MaxWords = 8;

    /// <summary>The text of an end-to-end encrypted message (PROTOCOL.md): unreadable to the server, so never indexed.</summary>
    private const string SealedPrefix = "🔒e2e1:";

    /// <summary>The folded words of <paramref name="query"/> (<c>word*</c> for a prefix), at most <see cref="MaxWords"/>, without repeats; empty when it has none.</summary>
    public static IReadOnlyList<string> Parse(string query) => Split(query, keepStars: true).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();

    /// <summary>The folded words of a line, each once: what a store without FTS5 indexes (PostgreSQL keeps them as a tsvector).</summary>
    public static IReadOnlyList<string> Of(string text) => Split(text, keepStars: false).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>False for lines no search may find (encrypted ones): stores leave them out of their index.</summary>
    public static bool IsIndexed(string text) => !text.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>True when every word in <paramref name="words"/> (from <see cref="Parse"/>) starts a word of <paramref name="text"/>.</summary>
    public static bool Matches(string text, IReadOnlyList<string> words)
    {
        if (!IsIndexed(text))
        {
            return false;
        }
        List<string> lineWords = Split(text, keepStars: false);
        return words.All(word => word.EndsWith('*')
            ? lineWords.Exists(w => w.StartsWith(word[..^1], StringComparison.Ordinal))
            : lineWords.Contains(word));
    }

    /// <summary>
    /// The FTS5 MATCH expression: every term expression (<see cref="Term"/>, or a store's own) in the
    /// <c>text</c> column, restricted by the <c>conv</c> column to <paramref name="conversationTokens"/>
    /// (<see cref="ConversationTokens"/>). Words and tokens are letters and digits: nothing needs escaping.
    /// </summary>
    public static string ToFtsQuery(IEnumerable<string> terms, IEnumerable<string> conversationTokens) =>
        "text : (" + string.Join(" AND ", terms) + ") AND conv : (" + string.Join(" OR ", conversationTokens.Select(t => "\"" + t + "\"")) + ")";

    /// <summary>A word of <see cref="Parse"/> as an FTS5 term: quoted, and with <c>*</c> for a prefix.</summary>
    public static string Term(string word) => word.EndsWith('*') ? "\"" + word[..^1] + "\"*" : "\"" + word + "\"";

    /// <summary>An FTS5 expression matching any of <paramref name="words"/> exactly (a prefix's expansion).</summary>
    public static string AnyOf(IEnumerable<string> words) => "(" + string.Join(" OR ", words.Select(w => "\"" + w + "\"")) + ")";

    /// <summary>
    /// The words a full-text index keeps beside a line so that a search can ask for "lines of these
    /// conversations" inside the index: a room's line gets <c>c</c> and a hash of its conversation key;
    /// a direct line gets <c>d</c> and a hash of each side's identity (<see cref="DirectToken"/>). The
    /// store checks the conversation itself too, so a hash collision can only cost time, never show a line.
    /// </summary>
    public static string ConversationTokens(string conversation)
    {
        int bar = conversation.IndexOf('|', StringComparison.Ordinal);
        return conversation.Length > 2 && conversation[0] == '@' && bar > 0
            ? DirectToken(conversation[1..bar]) + " " + DirectToken(conversation[(bar + 1)..])
            : RoomToken(conversation);
    }

    /// <summary>The token that marks the direct lines of <paramref name="identity"/> (<see cref="ConversationTokens"/>).</summary>
    public static string DirectToken(string identity) => "d" + Hash(identity);

    /// <summary>The token of a room's or group's lines (<see cref="ConversationTokens"/>).</summary>
    public static string RoomToken(string conversation) => "c" + Hash(conversation);

    private static string Hash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));

    private static List<string> Split(string text, bool keepStars)
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
                if (keepStars && rune.Value == '*')
                {
                    word.Append('*');
                }
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
