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

    public static bool TryParse(string text, out HistoryReference reference)
    {
        reference = default;
        if (text.StartsWith("msgid=", StringComparison.Ordinal))
        {
            if (long.TryParse(text.AsSpan("msgid=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out long msgId) && msgId > 0)
            {
                reference = new HistoryReference(msgId, null);
                return true;
            }
            return false;
        }
        if (text.StartsWith("timestamp=", StringComparison.Ordinal)
            && DateTimeOffset.TryParseExact(text["timestamp=".Length..], TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
        {
            reference = new HistoryReference(0, time);
            return true;
        }
        return false;
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
