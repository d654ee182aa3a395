package io.jpm.engine.nodeipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * node's IPC framing with {@code NODE_CHANNEL_SERIALIZATION_MODE=json}: one JSON value per line; a message that
 * carries a descriptor is wrapped as {@code {cmd: "NODE_HANDLE", type, msg}} and sent in the same write as the
 * descriptor, which node acknowledges with {@code NODE_HANDLE_ACK} (ignored here: the daemon keeps its own copy).
 */
final class NodeWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeWire() {}

    /** Reads one line; never throws. */
    static NodeMessage parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new NodeMessage.Other();
        }
        if (n == null) return new NodeMessage.Other();
        if (n.isTextual()) return "ready".equals(n.asText()) ? new NodeMessage.Ready() : new NodeMessage.Other();
        if (!n.isObject() || !"NODE_CLUSTER".equals(n.path("cmd").asText(null))) return new NodeMessage.Other();
        String act = n.path("act").asText("");
        if (!"queryServer".equals(act)) return new NodeMessage.ClusterNotice(act);
        JsonNode seq = n.get("seq");
        JsonNode port = n.get("port");
        if (seq == null || !seq.canConvertToLong() || port == null || !port.canConvertToInt())
            return new NodeMessage.Other();
        JsonNode address = n.get("address");
        String key = text(address) + ":" + port.asText() + ":" + text(n.get("addressType")) + ":" + text(n.get("fd"))
                + ":" + text(n.get("index"));
        return new NodeMessage.QueryServer(
                seq.asLong(),
                address == null || address.isNull() ? null : address.asText(),
                port.asInt(),
                n.path("addressType").asInt(4),
                key);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "null" : v.asText();
    }

    /** The primary's reply to a {@link QueryServer}: {@code errno} 0 with the handle attached, else a libuv error. */
    static String reply(NodeMessage.QueryServer q, int errno) {
        ObjectNode o = JSON.createObjectNode();
        o.put("cmd", "NODE_CLUSTER");
        o.put("errno", errno);
        o.put("key", q.key());
        o.put("ack", q.seq());
        o.putNull("data");
        return o.toString();
    }

    /** {@code message} wrapped as node wraps a message that carries a raw handle ({@code net.Native}). */
    static String withHandle(String message) {
        return "{\"cmd\":\"NODE_HANDLE\",\"type\":\"net.Native\",\"msg\":" + message + "}";
    }
}
