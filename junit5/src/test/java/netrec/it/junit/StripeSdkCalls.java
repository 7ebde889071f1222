package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stripe.Stripe;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import java.util.ArrayList;
import java.util.List;
import netrec.junit.Netrec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tests of code that calls Stripe through Stripe's own Java SDK, as it ships, written as a developer would: nothing
 * in them knows of netrec but the annotation. The SDK talks HTTPS to the API named by the system property
 * {@code test.stripe} (a loopback stand-in when recording). Requests match on their form fields too, so a replayed
 * {@code Customer.create} must send what was recorded. Run by {@link netrec.it.SdkIT}.
 */
@Netrec(leaveAlone = {}, body = Netrec.Body.FORM)
@TestMethodOrder(MethodOrderer.MethodName.class)
public class StripeSdkCalls {
    @BeforeAll
    static void pointTheSdkAtTheApi() {
        Stripe.apiKey = "sk_test_netrec_4eC39HqLyjWDarjtT1zdp7dc";
        Stripe.overrideApiBase(System.getProperty("test.stripe"));
    }

    @Test
    void a_createsACustomer() throws StripeException {
        Customer customer = Customer.create(CustomerCreateParams.builder().setEmail("ada@example.org").setName("Ada")
                .build());
        assertEquals("cus_ada", customer.getId());
        assertEquals("ada@example.org", customer.getEmail());
    }

    @Test
    void b_retrievesTheCustomer() throws StripeException {
        assertEquals("Ada", Customer.retrieve("cus_ada").getName());
    }

    @Test
    void c_pagesThroughAllCustomers() throws StripeException {
        List<String> ids = new ArrayList<>();
        for (Customer customer : Customer.list(CustomerListParams.builder().setLimit(2L).build()).autoPagingIterable()) {
            ids.add(customer.getId());
        }
        assertEquals(List.of("cus_1", "cus_2", "cus_3"), ids);
    }

    @Test
    void d_aMissingCustomerIsStripesInvalidRequestError() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Customer.retrieve("cus_missing"));
        assertEquals(404, e.getStatusCode());
        assertEquals("resource_missing", e.getCode());
    }

    @Test
    void e_readsTheBalance() throws StripeException {
        assertEquals(4200L, Balance.retrieve().getAvailable().get(0).getAmount());
    }
}
