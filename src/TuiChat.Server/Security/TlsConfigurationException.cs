namespace TuiChat.Server.Security;

/// <summary>The --tls-cert settings cannot be used; the message says why, for one clear line at start.</summary>
public sealed class TlsConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
