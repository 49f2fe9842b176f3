namespace TuiChat.Protocol;

/// <summary>
/// What every valid frame has in common: its <c>type</c>, and the <c>id</c> (requests) or
/// <c>re</c> (replies) that ties a reply to its request. Either may be null.
/// </summary>
public readonly record struct Envelope(string Type, string? Id, string? Re);
