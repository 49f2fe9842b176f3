using TuiChat.Client.Core.Text;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// /search: asks the server, shows one page of results (newest first) as notices in the
/// selected conversation and hands them to a screen that lists them (<see cref="PageShown"/>), and
/// remembers where the page ended so "/search more" shows the older ones.
/// </summary>
internal sealed class SearchPager(ChatContext context)
{
    /// <summary>The word that asks for the next page instead of searching for it.</summary>
    public const string More = "more";

    /// <summary>A page of results was shown (UI thread); a screen may offer to open one.</summary>
    public event EventHandler<IReadOnlyList<SearchHit>>? PageShown;

    private string? _query;
    private long? _before;

    /// <summary>Searches for <paramref name="text"/>, or with <see cref="More"/> shows the next page of the last search.</summary>
    public async Task SearchAsync(string text)
    {
        if (text.Equals(More, StringComparison.OrdinalIgnoreCase))
        {
            if (_query is null || _before is null)
            {
                throw new ArgumentException("nothing more: /search words first");
            }
        }
        else
        {
            (_query, _before) = (text, null);
        }
        string query = _query;
        SearchOk page = await context.Requests.SearchAsync(query, _before).ConfigureAwait(false);
        _before = page.More && page.Results.Count > 0 ? page.Results[^1].MsgId : null;
        context.Post(() => Show(query, page));
    }

    private void Show(string query, SearchOk page)
    {
        ConversationViewModel? here = context.Conversations.Selected;
        string shown = TextSanitizer.ForLine(query);
        if (page.Results.Count == 0)
        {
            context.Conversations.AddNotice(here, $"search \"{shown}\": nothing found");
            return;
        }
        context.Conversations.AddNotice(here, $"search \"{shown}\": {page.Results.Count} result{(page.Results.Count == 1 ? "" : "s")}, newest first");
        var hits = new List<SearchHit>(page.Results.Count);
        foreach (SearchResult result in page.Results)
        {
            ConversationKind kind = result.Kind switch
            {
                "direct" => ConversationKind.Direct,
                "group" => ConversationKind.Group,
                _ => ConversationKind.Room,
            };
            string conversation = kind == ConversationKind.Direct ? "@" + result.Room : result.Room;
            string text = $"{TextSanitizer.ForLine(conversation)} {context.Settings.DayAndTimeText(context.ParseTime(result.Ts))} {TextSanitizer.ForLine(result.From)}: {TextSanitizer.ForLine(result.Text)}";
            context.Conversations.AddNotice(here, text);
            hits.Add(new SearchHit(result.Room, kind, result.MsgId, text));
        }
        if (page.More)
        {
            context.Conversations.AddNotice(here, "older results: /search more");
        }
        PageShown?.Invoke(this, hits);
    }
}
