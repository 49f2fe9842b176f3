namespace TuiChat.Server.Cluster;

/// <summary>The cluster settings are wrong or Redis cannot be reached at start; the message says why in one line.</summary>
public sealed class ClusterStartException(string message, Exception? inner = null) : Exception(message, inner);
