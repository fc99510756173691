package dev.jxd.daemon.db.raft;

import dev.jxd.api.json.Json;
import dev.jxd.daemon.db.StateCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Turns state commands into the bytes of a Raft log entry and back. A command is written as
 * {@code {"type": name, "command": {...}}}, with the record's components in the shared JSON naming; a
 * component typed {@code StateCommand} holds a nested command in the same form, so commands that wrap
 * other commands replicate too.
 *
 * <p>Every command type is registered under a stable name before the member starts. Decoding fails loudly
 * on an unknown name or an unknown field: a member that cannot apply an entry exactly must not guess.
 * Encoding checks that the command survives the round trip, so a command that would not replicate
 * faithfully is refused before it reaches the log.
 */
public final class StateCommandCodec
{
    private static final String TYPE = "type";
    private static final String COMMAND = "command";
    private static final String REQUEST_ID = "request_id";

    private final Map<String, Class<? extends StateCommand<?>>> typesByName = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> namesByType = new ConcurrentHashMap<>();
    private final JsonMapper mapper;

    /** A decoded log entry: the command and the id of the request that submitted it. */
    record CommandEntry(String requestId, StateCommand<?> command) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public StateCommandCodec()
    {
        SimpleModule module = new SimpleModule("jxd-state-commands");
        // Only a component declared as StateCommand gets the envelope: the concrete record inside it is then
        // written by its own bean serializer, so the envelope never recurses into itself
        module.setSerializerModifier(new NestedCommandSerializerModifier(new NestedCommandSerializer()));
        module.addDeserializer((Class) StateCommand.class, new NestedCommandDeserializer());
        this.mapper = Json.strict().rebuild().addModule(module).build();
    }

    /** Registers a command type under the name its entries carry; names and types are one to one. */
    public StateCommandCodec register(String typeName, Class<? extends StateCommand<?>> type)
    {
        requireNonNull(typeName, "typeName is null");
        requireNonNull(type, "type is null");
        if (typeName.isBlank()) {
            throw new IllegalArgumentException("Command type name must not be empty");
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException("Command type must be a record: " + type.getName());
        }
        synchronized (this) {
            Class<? extends StateCommand<?>> existingType = typesByName.get(typeName);
            String existingName = namesByType.get(type);
            if ((existingType != null && existingType != type) || (existingName != null && !existingName.equals(typeName))) {
                throw new IllegalArgumentException("Command type %s is already registered as %s".formatted(typeName, existingType != null ? existingType.getName() : existingName));
            }
            typesByName.put(typeName, type);
            namesByType.put(type, typeName);
        }
        return this;
    }

    public byte[] encode(StateCommand<?> command)
    {
        return mapper.writeValueAsBytes(toTree(command));
    }

    public StateCommand<?> decode(byte[] bytes)
    {
        requireNonNull(bytes, "bytes is null");
        try {
            return fromTree(mapper.readTree(bytes));
        }
        catch (JacksonException exception) {
            throw new IllegalArgumentException("Malformed state command: " + exception.getOriginalMessage(), exception);
        }
    }

    byte[] encodeEntry(String requestId, StateCommand<?> command)
    {
        requireNonNull(requestId, "requestId is null");
        ObjectNode entry = toTree(command);
        entry.put(REQUEST_ID, requestId);
        byte[] bytes = mapper.writeValueAsBytes(entry);
        CommandEntry decoded = decodeEntry(bytes);
        if (!decoded.command().equals(command)) {
            throw new IllegalArgumentException("State command %s does not survive its JSON encoding (decoded as %s)".formatted(command, decoded.command()));
        }
        return bytes;
    }

    CommandEntry decodeEntry(byte[] bytes)
    {
        requireNonNull(bytes, "bytes is null");
        try {
            JsonNode entry = mapper.readTree(bytes);
            JsonNode requestId = entry.get(REQUEST_ID);
            if (requestId == null || !requestId.isString()) {
                throw new IllegalArgumentException("Log entry has no request id");
            }
            return new CommandEntry(requestId.stringValue(), fromTree(entry));
        }
        catch (JacksonException exception) {
            throw new IllegalArgumentException("Malformed log entry: " + exception.getOriginalMessage(), exception);
        }
    }

    private ObjectNode toTree(StateCommand<?> command)
    {
        requireNonNull(command, "command is null");
        String name = namesByType.get(command.getClass());
        if (name == null) {
            throw new IllegalArgumentException("State command type is not registered: " + command.getClass().getName());
        }
        ObjectNode node = mapper.createObjectNode();
        node.put(TYPE, name);
        node.set(COMMAND, mapper.valueToTree(command));
        return node;
    }

    private StateCommand<?> fromTree(JsonNode node)
    {
        JsonNode name = node.get(TYPE);
        JsonNode body = node.get(COMMAND);
        if (name == null || !name.isString() || body == null || !body.isObject()) {
            throw new IllegalArgumentException("A state command must be {\"type\": name, \"command\": {...}}");
        }
        Class<? extends StateCommand<?>> type = typesByName.get(name.stringValue());
        if (type == null) {
            throw new IllegalArgumentException("Unknown state command type: " + name.stringValue());
        }
        return mapper.treeToValue(body, type);
    }

    private String nameOf(Object command)
    {
        String name = namesByType.get(command.getClass());
        if (name == null) {
            throw new IllegalArgumentException("State command type is not registered: " + command.getClass().getName());
        }
        return name;
    }

    private final class NestedCommandSerializer
            extends ValueSerializer<Object>
    {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context)
        {
            generator.writeStartObject();
            generator.writeStringProperty(TYPE, nameOf(value));
            generator.writeName(COMMAND);
            context.writeValue(generator, value);
            generator.writeEndObject();
        }
    }

    private final class NestedCommandDeserializer
            extends ValueDeserializer<StateCommand<?>>
    {
        @Override
        public StateCommand<?> deserialize(JsonParser parser, DeserializationContext context)
        {
            JsonNode node = context.readTree(parser);
            JsonNode name = node.get(TYPE);
            JsonNode body = node.get(COMMAND);
            if (name == null || !name.isString() || body == null || !body.isObject()) {
                return context.reportInputMismatch(this, "A nested state command must be {\"type\": name, \"command\": {...}}");
            }
            Class<? extends StateCommand<?>> type = typesByName.get(name.stringValue());
            if (type == null) {
                return context.reportInputMismatch(this, "Unknown state command type: " + name.stringValue());
            }
            return context.readTreeAsValue(body, type);
        }
    }

    private static final class NestedCommandSerializerModifier
            extends ValueSerializerModifier
    {
        private final ValueSerializer<Object> serializer;

        NestedCommandSerializerModifier(ValueSerializer<Object> serializer)
        {
            this.serializer = serializer;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier description, List<BeanPropertyWriter> properties)
        {
            for (BeanPropertyWriter property : properties) {
                if (property.getType().getRawClass() == StateCommand.class) {
                    property.assignSerializer(serializer);
                }
            }
            return properties;
        }
    }
}
