package io.jpm.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/** One message received on the PUB socket: its topic and JSON payload. */
public record Event(String topic, JsonNode payload) {}
