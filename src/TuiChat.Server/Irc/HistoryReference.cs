using System.Globalization;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Irc;

/// <summary>
/// A place in a conversation's history as CHATHISTORY names it: <c>msgid=N</c> (a line) or
/// <c>timestamp=2026-12-02T06:40:00.000Z</c> (a moment, what senpai, gamja and most IRCv3
/// clients send). Either is turned into the message-id bounds the store reads by.
/// </summary>
internal readonly record struct HistoryReference(long MsgId, DateTimeOffset? Time)
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public bool IsTime => Time is not null;

    /// <summary>
    /// Reads <paramref name="text"/>; null when it is a reference, else the FAIL code: a kind this
    /// server does not know (INVALID_MSGREFTYPE), or a known kind with a value that is not one
    /// (INVALID_PARAMS: a msgid that is not a positive number, a time that is not one, or one so
    /// near the end of the calendar that no later millisecond exists).
    /// </summary>
    public static string? Parse(string text, out HistoryReference reference)
    {
        reference = default;
        if (text.StartsWith("msgid=", StringComparison.Ordinal))
        {
            if (!long.TryParse(text.AsSpan("msgid=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out long msgId) || msgId < 1)
            {
                return "INVALID_PARAMS";
            }
            reference = new HistoryReference(msgId, null);
            return null;
        }
        if (text.StartsWith("timestamp=", StringComparison.Ordinal))
        {
            if (!DateTimeOffset.TryParseExact(text["timestamp=".Length..], TimeFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
                || time.UtcDateTime.Year == DateTime.MaxValue.Year)
            {
                return "INVALID_PARAMS";
            }
            reference = new HistoryReference(0, time);
            return null;
        }
        return "INVALID_MSGREFTYPE";
    }

    /// <summary>Lines before the reference have an id below this: a line, or those stored before the moment.</summary>
    public long Before(IChatStore store, string conversation) =>
        Time is { } time ? HistoryTime.FirstAtOrAfter(store, conversation, time) : MsgId;

    /// <summary>
    /// Lines after the reference have an id above this: a line, or those stored after the moment
    /// (a line's time, as server-time shows it, is to the millisecond: one at that very millisecond
    /// is the one the client named).
    /// </summary>
    public long After(IChatStore store, string conversation) =>
        Time is { } time ? HistoryTime.FirstAtOrAfter(store, conversation, time.AddMilliseconds(1)) - 1 : MsgId;
}
