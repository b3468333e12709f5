/** / : Inicio. */
import HomePage from "../../pages/HomePage";

export default function HomeRoute() {
  return <HomePage />;
}
