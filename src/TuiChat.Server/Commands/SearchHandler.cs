using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>search</c>: lines holding the query's words among what the caller may read now, by identity:
/// the rooms and groups it is a member of (as they are now) and its own direct conversations.
/// Newest first, a page at a time (<c>before</c>, <c>more</c>).
/// </summary>
public sealed class SearchHandler(IPeople people, IChatStore store) : CommandHandler<SearchRequest>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 256;

    protected override void Handle(CommandContext context, SearchRequest request)
    {
        IReadOnlyList<string> words = request.Q.Length <= MaxQueryLength ? SearchWords.Parse(request.Q) : [];
        if (words.Count == 0)
        {
            context.Reply.Error(ErrorCodes.BadRequest, $"q must hold at least one word and at most {MaxQueryLength} characters");
            return;
        }
        ChatUser user = context.User;
        int limit = Math.Clamp(request.Limit ?? DefaultLimit, 1, MaxLimit);
        IReadOnlyList<MemberConversation> rooms = people.ConversationsOf(user, withGeneral: false);
        var names = rooms.ToDictionary(r => r.Conversation, StringComparer.Ordinal);
        // One more than asked: whether it exists says if there is a next page.
        IReadOnlyList<StoredMessage> found = store.Search(words, names.Keys, user.Identity, request.Before, limit + 1);
        var results = new List<SearchResult>(Math.Min(limit, found.Count));
        foreach (StoredMessage line in found.Take(limit))
        {
            bool inRoom = names.TryGetValue(line.Conversation, out MemberConversation? room);
            results.Add(new SearchResult
            {
                // A direct line is named by the other side, as history{to} names it.
                Room = inRoom ? room!.Name : NameRules.Key(line.From) == user.Key ? line.To : line.From,
                Kind = inRoom ? ConversationReplies.Kind(room!.Kind) : ConversationKinds.Direct,
                MsgId = line.MsgId,
                Ts = Timestamps.ToWire(line.Ts),
                From = line.From,
                Text = line.Text,
                File = ConversationReplies.Offered(store, line),
            });
        }
        context.Reply.Ok(new SearchOk { Re = context.Reply.OkRe, Results = results, More = found.Count > limit });
    }
}
