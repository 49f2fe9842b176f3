namespace TuiChat.Bench.Wire;

/// <summary>
/// The bytes of one outgoing chat message with the marker left blank at
/// <see cref="MarkerOffset"/>: a sender copies it once per slot and rewrites only the marker.
/// </summary>
internal sealed record MessageTemplate(byte[] Bytes, int MarkerOffset);
