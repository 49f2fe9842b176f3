namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// One search result as a screen lists it: <see cref="Display"/> is "#games 2026-11-22 09:30 bob: a café?";
/// <see cref="ChatViewModel.OpenSearchHitAsync"/> opens its conversation at <see cref="MsgId"/>.
/// </summary>
/// <param name="Target">What requests address: "#games", "+team", "bob".</param>
public sealed record SearchHit(string Target, ConversationKind Kind, long MsgId, string Display);
