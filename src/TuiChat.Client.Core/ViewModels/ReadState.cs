using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The read positions the server keeps for a registered account: the login reply's counts start
/// each conversation's unread and highlight marks, and the newest line the user has seen goes back
/// as <c>read</c>: once when a conversation is shown, then at most once per <see cref="Interval"/>
/// while new lines arrive on screen; what was seen meanwhile goes when the interval ends (or
/// sooner, when the user looks elsewhere). A guest's positions are not kept, so nothing is sent for it.
/// </summary>
internal sealed class ReadState(ChatContext context)
{
    /// <summary>At most one <c>read</c> per conversation in this time while lines keep arriving on screen.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly Dictionary<ConversationViewModel, long> _sent = [];
    private readonly Dictionary<ConversationViewModel, DateTimeOffset> _sentAt = [];

    /// <summary>A line seen within the interval, waiting for its end to go, and the timer that sends it.</summary>
    private readonly Dictionary<ConversationViewModel, (long MsgId, ITimer Timer)> _held = [];
    private bool _kept;

    /// <summary>A login's <c>conversations</c> (null for a guest): the server's counts replace the client's, its read positions set the read markers (UI thread).</summary>
    public void ApplyLogin(IReadOnlyList<ConversationInfo>? conversations)
    {
        _kept = conversations is not null;
        foreach (ConversationInfo info in conversations ?? [])
        {
            ConversationViewModel conversation = context.Conversations.GetOrAdd(info.Room);
            _sent[conversation] = Math.Max(_sent.GetValueOrDefault(conversation), info.ReadMsgId);
            // The server counted every line up to lastMsgId: live or history lines up to there are not counted again.
            conversation.CountedThrough = info.LastMsgId;
            // Where the user stopped reading, for the read marker; the one on screen keeps its marker (a reconnect).
            if (conversation != context.Conversations.Selected || conversation.ReadMarker is null)
            {
                conversation.ReadMarker = Math.Max(conversation.ReadMarker ?? 0, info.ReadMsgId);
            }
            if (conversation != context.Conversations.Selected)
            {
                conversation.Unread = info.Unread;
                conversation.Highlights = info.Highlights;
            }
        }
    }

    /// <summary>
    /// Another session of the account read a conversation up to a line (a <c>read</c> event): this
    /// client does not send that position again, and the conversation's unread and highlight marks
    /// drop to the lines after it that this client holds. Marks only drop: when the other session
    /// read less than the server counted at login (lines this client may not hold), they stay. The
    /// read marker of a conversation not on screen moves below the line read (UI thread).
    /// </summary>
    public void ApplyElsewhere(ReadEvent read)
    {
        if (context.Conversations.Find(read.Room) is not { } conversation)
        {
            return;
        }
        _sent[conversation] = Math.Max(_sent.GetValueOrDefault(conversation), read.MsgId);
        // What was read there is not new here: the marker moves below it (not under the eyes of
        // someone reading this conversation on this screen, like a reconnect's).
        if (conversation != context.Conversations.Selected)
        {
            conversation.ReadMarker = Math.Max(conversation.ReadMarker ?? 0, read.MsgId);
        }
        if (read.MsgId < conversation.CountedThrough)
        {
            return;
        }
        int unread = 0, highlights = 0;
        foreach (LogLine line in conversation.Lines)
        {
            if (line.MsgId > read.MsgId && line.CountsAsUnread)
            {
                unread++;
                highlights += ConversationList.IsHighlight(conversation, line) ? 1 : 0;
            }
        }
        conversation.Unread = Math.Min(conversation.Unread, unread);
        conversation.Highlights = Math.Min(conversation.Highlights, highlights);
    }

    /// <summary>
    /// The user sees <paramref name="conversation"/>'s newest line: tell the server, unless it knows
    /// already or (without <paramref name="now"/>) a <c>read</c> went less than <see cref="Interval"/> ago (UI thread).
    /// Not while disconnected: the request could only fail (the "connection lost" line itself lands
    /// on screen), and the position goes with the next line seen once connected again.
    /// </summary>
    public void Seen(ConversationViewModel conversation, bool now)
    {
        if (!_kept || context.ConnectionStatus.State != ConnectionState.Connected
            || conversation.NewestMsgId is not { } newest || newest <= _sent.GetValueOrDefault(conversation))
        {
            return;
        }
        DateTimeOffset at = context.Settings.Time.GetUtcNow();
        if (!now && _sentAt.TryGetValue(conversation, out DateTimeOffset last) && at - last < Interval)
        {
            Hold(conversation, newest, Interval - (at - last));
            return;
        }
        Send(conversation, newest, at);
    }

    /// <summary>
    /// Keeps <paramref name="msgId"/> for the end of the interval: without it, a line seen there
    /// and followed by no other went only when the user looked elsewhere, and another client of
    /// the account (or the next login) counted it unread meanwhile.
    /// </summary>
    private void Hold(ConversationViewModel conversation, long msgId, TimeSpan remaining)
    {
        if (_held.TryGetValue(conversation, out var held))
        {
            _held[conversation] = (msgId, held.Timer);
            return;
        }
        ITimer timer = context.Settings.Time.CreateTimer(_ => context.Post(() => SendHeld(conversation)), null, remaining, Timeout.InfiniteTimeSpan);
        _held[conversation] = (msgId, timer);
    }

    private void SendHeld(ConversationViewModel conversation)
    {
        if (!_held.Remove(conversation, out var held))
        {
            return;
        }
        held.Timer.Dispose();
        if (context.ConnectionStatus.State == ConnectionState.Connected && held.MsgId > _sent.GetValueOrDefault(conversation))
        {
            Send(conversation, held.MsgId, context.Settings.Time.GetUtcNow());
        }
    }

    private void Send(ConversationViewModel conversation, long msgId, DateTimeOffset at)
    {
        if (_held.Remove(conversation, out var held))
        {
            held.Timer.Dispose();
        }
        _sent[conversation] = msgId;
        _sentAt[conversation] = at;
        _ = context.GuardAsync(() => context.Requests.MarkReadAsync(conversation.Target, msgId));
    }
}
