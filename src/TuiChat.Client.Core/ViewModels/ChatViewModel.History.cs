using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>History: the latest page when a conversation opens, older pages on demand, and what a reconnect missed.</summary>
public sealed partial class ChatViewModel
{
    /// <summary>Pages a reconnect may fetch per conversation before it stops catching up.</summary>
    private const int MaxCatchUpPages = 20;

    /// <summary>PageUp at the top of the log: fetches the page before the oldest message of the selected conversation.</summary>
    public Task LoadOlderAsync() => Selected is { } selected ? LoadOlderAsync(selected) : Task.CompletedTask;

    public async Task LoadOlderAsync(ConversationViewModel conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!conversation.HasOlderHistory || conversation.IsLoadingHistory)
        {
            return;
        }
        if (conversation.OldestMsgId is not { } oldest)
        {
            await LoadLatestHistoryAsync(conversation).ConfigureAwait(false);
            return;
        }
        Post(() => conversation.IsLoadingHistory = true);
        try
        {
            IReadOnlyList<ChatMessage> page = await _connection
                .GetHistoryAsync(conversation.Target, oldest, _settings.HistoryPageSize).ConfigureAwait(false);
            Post(() =>
            {
                AddHistory(conversation, page);
                conversation.HasOlderHistory = page.Count >= _settings.HistoryPageSize;
            });
        }
        finally
        {
            Post(() => conversation.IsLoadingHistory = false);
        }
    }

    private async Task LoadLatestHistoryAsync(ConversationViewModel conversation)
    {
        Post(() => conversation.IsLoadingHistory = true);
        try
        {
            IReadOnlyList<ChatMessage> page = await _connection
                .GetHistoryAsync(conversation.Target, null, _settings.HistoryPageSize).ConfigureAwait(false);
            Post(() =>
            {
                AddHistory(conversation, page);
                conversation.HistoryLoaded = true;
                conversation.HasOlderHistory = page.Count >= _settings.HistoryPageSize;
            });
        }
        finally
        {
            Post(() => conversation.IsLoadingHistory = false);
        }
    }

    /// <summary>
    /// After a reconnect: pages back from the newest message until it reaches what the log already
    /// shows, so messages sent while the client was away appear once each.
    /// </summary>
    private async Task CatchUpAsync(ConversationViewModel conversation)
    {
        long? newestShown = conversation.NewestMsgId;
        long? before = null;
        var missed = new List<ChatMessage>();
        for (int pages = 0; pages < MaxCatchUpPages; pages++)
        {
            IReadOnlyList<ChatMessage> page = await _connection
                .GetHistoryAsync(conversation.Target, before, _settings.HistoryPageSize).ConfigureAwait(false);
            missed.AddRange(page);
            if (page.Count < _settings.HistoryPageSize || newestShown is null || page[0].MsgId <= newestShown)
            {
                break;
            }
            before = page[0].MsgId;
        }
        Post(() => AddHistory(conversation, missed, unread: true));
    }

    /// <summary>
    /// Adds history messages (UI thread); ones already shown are skipped by their msgId. Missed
    /// messages fetched after a reconnect count as <paramref name="unread"/>; older pages do not.
    /// </summary>
    private void AddHistory(ConversationViewModel conversation, IEnumerable<ChatMessage> messages, bool unread = false)
    {
        foreach (ChatMessage message in messages)
        {
            if (!conversation.Contains(message.MsgId))
            {
                AddLine(conversation, ToLine(message), fromHistory: !unread);
            }
        }
    }
}
