namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// Which conversation is shown, and what showing it means: its unread marks clear, its history is
/// fetched the first time, its members the first time, and what the user saw goes back to the
/// server as the read position (<see cref="ReadState"/>), also for the one the user leaves. UI thread only.
/// </summary>
internal sealed class ConversationSelector(ChatContext context, HistoryLoader history, MemberLists members, ReadState read)
{
    /// <summary>Shows <paramref name="conversation"/> (UI thread).</summary>
    public void Select(ConversationViewModel conversation)
    {
        // What arrived since the last read went out was on screen until now: all of it is read,
        // and the read marker waits below it for the user's return.
        if (context.Conversations.Selected is { StickToBottom: true } leaving && leaving != conversation)
        {
            read.Seen(leaving, now: true);
            leaving.ReadMarker = Math.Max(leaving.NewestMsgId ?? 0, leaving.ReadMarker ?? 0);
        }
        context.Conversations.Select(conversation);
        context.DirectEncryption.ShowProtection(conversation);
        // Between sessions a request could only fail, with a notice that repeats the connection's
        // own: the reconnect fetches the members of what the user is in, and the shown
        // conversation's history (LoadIfNeverLoaded).
        bool connected = !context.ConnectionStatus.IsBetweenSessions;
        if (!conversation.HistoryLoaded && !conversation.IsLoadingHistory)
        {
            if (connected)
            {
                LoadLatest(conversation);
            }
        }
        else
        {
            read.Seen(conversation, now: true);
        }
        if (connected && conversation.IsJoined && conversation.Members.Count == 0)
        {
            _ = context.GuardAsync(() => members.RefreshAsync(conversation));
        }
    }

    /// <summary>After a reconnect: the shown conversation's history, when selecting it could not fetch it (UI thread).</summary>
    public void LoadIfNeverLoaded()
    {
        if (context.Conversations.Selected is { HistoryLoaded: false, IsLoadingHistory: false } shown)
        {
            LoadLatest(shown);
        }
    }

    private void LoadLatest(ConversationViewModel conversation) =>
        _ = context.GuardAsync(async () =>
        {
            await history.LoadLatestAsync(conversation).ConfigureAwait(false);
            context.Post(() => SeenIfShown(conversation, now: true));
        });

    /// <summary>
    /// Enter on a search result: shows its conversation and brings the message into view,
    /// fetching history back to it first when it is not loaded (UI thread at the start).
    /// </summary>
    public async Task OpenAsync(SearchHit hit)
    {
        ConversationViewModel conversation = context.Conversations.GetOrAdd(hit.Target, hit.Kind);
        bool loaded = conversation.Contains(hit.MsgId);
        if (!loaded)
        {
            // Loading from here: selecting must not fetch the latest page on its own as well.
            conversation.IsLoadingHistory = true;
        }
        Select(conversation);
        if (!loaded && !await history.LoadThroughAsync(conversation, hit.MsgId).ConfigureAwait(false))
        {
            context.Notice($"that message is more than {history.MaxJumpMessages} messages back: PageUp loads older lines");
            return;
        }
        context.Post(() => conversation.ShowMessage(hit.MsgId));
    }

    /// <summary>Alt+Up/Down: the conversation <paramref name="offset"/> places away in the list, wrapping around.</summary>
    public void SelectNeighbour(int offset)
    {
        if (context.Conversations.Neighbour(offset) is { } next)
        {
            Select(next);
        }
    }

    /// <summary>Alt+A: the next conversation with an unread highlight, else with unread messages; nothing when none waits.</summary>
    public void SelectNextActive()
    {
        if (context.Conversations.NextActive() is { } next)
        {
            Select(next);
        }
    }

    /// <summary>Alt+1…9: the conversation at that position of the list (1 is the first).</summary>
    public void SelectPosition(int position)
    {
        if (context.Conversations.AtPosition(position) is { } at)
        {
            Select(at);
        }
    }

    /// <summary>
    /// A live line arrived: when it is on screen at the bottom, the user has read it. A read marker
    /// that would first show above it (nothing was new until now) moves past it instead: a line
    /// the user watched arrive is not "new". Unwatched, it is new; in a conversation whose read
    /// position nobody told this client (a group made while it was online, a direct message from
    /// someone the server's login list did not name), the marker starts right above it.
    /// </summary>
    public void OnLineAdded(LineAddedEventArgs e)
    {
        if (e.FromHistory || e.Conversation is not { } conversation)
        {
            return;
        }
        if (e.Line.MsgId is { } id)
        {
            if (IsShown(conversation))
            {
                if (conversation.ReadMarkerIndex is >= 0 and var at && conversation.Lines[at] == e.Line)
                {
                    conversation.ReadMarker = id;
                }
            }
            else if (conversation.ReadMarker is null && !e.Line.Mine)
            {
                conversation.ReadMarker = conversation.MessageIdBefore(id);
            }
        }
        SeenIfShown(conversation, now: false);
    }

    /// <summary>A conversation on screen at its bottom shows its newest line: that is read.</summary>
    private void SeenIfShown(ConversationViewModel conversation, bool now)
    {
        if (IsShown(conversation))
        {
            read.Seen(conversation, now);
        }
    }

    private bool IsShown(ConversationViewModel conversation) =>
        conversation == context.Conversations.Selected && conversation.StickToBottom;
}
