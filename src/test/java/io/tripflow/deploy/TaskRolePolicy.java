package io.tripflow.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The statements of the template's task role, including the ones behind a condition. */
final class TaskRolePolicy {

    private TaskRolePolicy() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(CloudFormationTemplate template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<Object>) CloudFormationTemplate.properties(template.resource("TaskRole")).get("Policies")) {
            // A conditional policy is written as !If [condition, policy, !Ref AWS::NoValue].
            Object effective = policy instanceof CloudFormationTemplate.Intrinsic conditional
                    ? ((List<Object>) conditional.argument()).get(1)
                    : policy;
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) effective).get("PolicyDocument");
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    static List<String> actionsOf(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? (List<String>) list : List.of((String) action);
    }

    static Set<String> grantedActions(CloudFormationTemplate template) {
        Set<String> actions = new TreeSet<>();
        statements(template).forEach(statement -> actions.addAll(actionsOf(statement)));
        return actions;
    }
}
