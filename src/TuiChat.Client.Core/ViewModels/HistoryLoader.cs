using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>History: the latest page when a conversation opens, older pages on PageUp, and what a reconnect missed.</summary>
internal sealed class HistoryLoader(ChatContext context)
{
    /// <summary>Pages a reconnect may fetch per conversation before it stops catching up.</summary>
    private const int MaxCatchUpPages = 20;

    /// <summary>
    /// How far back a search result can be opened: as many messages as the log keeps
    /// (<c>--max-lines</c>), in the largest pages; older lines would be dropped again at once.
    /// </summary>
    internal int MaxJumpMessages => Math.Max(ProtocolLimits.MaxHistoryLimit, context.Settings.MaxLinesPerConversation);

    private int PageSize => context.Settings.HistoryPageSize;

    /// <summary>The page before the oldest message shown (also after old lines were dropped to bound memory).</summary>
    public async Task LoadOlderAsync(ConversationViewModel conversation)
    {
        if (!conversation.HasOlderHistory || conversation.IsLoadingHistory)
        {
            return;
        }
        if (conversation.OldestMsgId is not { } oldest)
        {
            await LoadLatestAsync(conversation).ConfigureAwait(false);
            return;
        }
        context.Post(() => conversation.IsLoadingHistory = true);
        try
        {
            IReadOnlyList<ChatMessage> page = await context.Requests.GetHistoryAsync(conversation.Target, oldest, PageSize).ConfigureAwait(false);
            context.Post(() =>
            {
                Add(conversation, page);
                conversation.HasOlderHistory = page.Count >= PageSize;
            });
        }
        finally
        {
            context.Post(() => conversation.IsLoadingHistory = false);
        }
    }

    public async Task LoadLatestAsync(ConversationViewModel conversation)
    {
        context.Post(() => conversation.IsLoadingHistory = true);
        try
        {
            IReadOnlyList<ChatMessage> page = await context.Requests.GetHistoryAsync(conversation.Target, null, PageSize).ConfigureAwait(false);
            context.Post(() =>
            {
                Add(conversation, page);
                conversation.HistoryLoaded = true;
                conversation.HasOlderHistory = page.Count >= PageSize;
            });
        }
        finally
        {
            context.Post(() => conversation.IsLoadingHistory = false);
        }
    }

    /// <summary>
    /// To open a search result: pages back from the newest message (the largest pages the server
    /// gives) until <paramref name="msgId"/> is among them, so the log stays one unbroken stretch
    /// of history from that message to the newest. False when it is further back than
    /// <see cref="MaxJumpMessages"/> (what was fetched is shown all the same).
    /// </summary>
    public async Task<bool> LoadThroughAsync(ConversationViewModel conversation, long msgId)
    {
        context.Post(() => conversation.IsLoadingHistory = true);
        try
        {
            var pages = new List<IReadOnlyList<ChatMessage>>();
            long? before = null;
            bool reached = false;
            bool older = false;
            for (int fetched = 0; fetched < MaxJumpMessages && !reached; fetched += ProtocolLimits.MaxHistoryLimit)
            {
                IReadOnlyList<ChatMessage> page = await context.Requests.GetHistoryAsync(conversation.Target, before, ProtocolLimits.MaxHistoryLimit).ConfigureAwait(false);
                pages.Add(page);
                older = page.Count >= ProtocolLimits.MaxHistoryLimit;
                reached = page.Count == 0 || page[0].MsgId <= msgId || !older;
                before = page.Count > 0 ? page[0].MsgId : before;
            }
            context.Post(() =>
            {
                // Oldest page first, so the lines go in as one stretch above what is shown.
                for (int i = pages.Count - 1; i >= 0; i--)
                {
                    Add(conversation, pages[i]);
                }
                conversation.HistoryLoaded = true;
                conversation.HasOlderHistory = older;
            });
            return reached;
        }
        finally
        {
            context.Post(() => conversation.IsLoadingHistory = false);
        }
    }

    /// <summary>
    /// After a reconnect: pages back from the newest message until it reaches what the log already
    /// shows, so messages sent while the client was away appear once each.
    /// </summary>
    public async Task CatchUpAsync(ConversationViewModel conversation, long? newestShown)
    {
        long? before = null;
        var missed = new List<ChatMessage>();
        for (int pages = 0; pages < MaxCatchUpPages; pages++)
        {
            IReadOnlyList<ChatMessage> page = await context.Requests.GetHistoryAsync(conversation.Target, before, PageSize).ConfigureAwait(false);
            missed.AddRange(page);
            if (page.Count < PageSize || newestShown is null || page[0].MsgId <= newestShown)
            {
                break;
            }
            before = page[0].MsgId;
        }
        context.Post(() => Add(conversation, missed, unread: true));
    }

    /// <summary>
    /// Adds history messages (UI thread); ones already shown are skipped by their msgId. Missed
    /// messages fetched after a reconnect count as <paramref name="unread"/>; older pages do not.
    /// </summary>
    private void Add(ConversationViewModel conversation, IEnumerable<ChatMessage> messages, bool unread = false)
    {
        foreach (ChatMessage message in messages)
        {
            if (!conversation.Contains(message.MsgId) && !context.IsIgnored(message.From))
            {
                context.Conversations.AddLine(conversation, context.ToLine(message), fromHistory: !unread);
            }
        }
    }
}
